// SPDX-License-Identifier: MIT
#include "command_runner.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace shoal::test {

CommandResult run_command(const std::string& command) {
    const std::string with_stderr = command + " 2>&1";
    FILE* pipe = ::popen(with_stderr.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen \"" + command + "\" failed");
    CommandResult result;
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

TempFile::TempFile(const std::string& name, const std::string& content) {
    std::string pattern = (std::filesystem::temp_directory_path() / "shoal-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp " + pattern + " failed");
    dir_ = pattern;
    path_ = dir_ + "/" + name;
    std::ofstream out(path_, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("write " + path_ + " failed");
}

TempFile::~TempFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

}  // namespace shoal::test
