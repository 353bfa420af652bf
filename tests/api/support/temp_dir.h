// SPDX-License-Identifier: MIT
// A fresh directory under /tmp for one test, removed with its contents on destruction.
// Short paths on purpose: a Unix socket path must fit in 108 bytes.
#pragma once

#include <filesystem>

namespace shoal::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

}  // namespace shoal::test
