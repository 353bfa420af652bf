// SPDX-License-Identifier: MIT
// Runs a program (shoalctl, curl) for a test with its stdout and stderr captured apart, an
// adjusted environment, and optionally stdout on a pseudo-terminal (isatty true). A child
// still running at the deadline is killed and reported.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace shoal::test {

struct ProcessOptions {
    std::vector<std::pair<std::string, std::string>> set_env;
    std::vector<std::string> unset_env;
    bool stdout_on_terminal = false;
    std::chrono::milliseconds deadline = std::chrono::seconds(30);
};

struct ProcessResult {
    int exit_code = -1;  // -1 when killed by a signal
    bool timed_out = false;
    std::string out;
    std::string err;
};

// argv[0] is the program's path. Throws std::runtime_error when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace shoal::test
