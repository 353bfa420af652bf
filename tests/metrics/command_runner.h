// SPDX-License-Identifier: MIT
// Runs a shell command for a test and captures its exit code and combined output.
#pragma once

#include <string>

namespace shoal::test {

struct CommandResult {
    int exit_code = -1;
    std::string output;
};

CommandResult run_command(const std::string& command);

// A file in a fresh temporary directory, removed (with the directory) on destruction.
class TempFile {
  public:
    TempFile(const std::string& name, const std::string& content);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const noexcept { return path_; }

  private:
    std::string dir_;
    std::string path_;
};

}  // namespace shoal::test
