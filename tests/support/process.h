// SPDX-License-Identifier: MIT
// Child processes for tests: run a program (shoalctl, curl, ip, promtool) to completion with
// its stdout and stderr captured apart, an adjusted environment, and optionally stdout on a
// pseudo-terminal (isatty true). A child still running at the deadline is killed and
// reported. Long-running children (a shoald) are support/daemon_process.h.
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
    int signal = 0;      // the signal that killed it
    bool timed_out = false;
    std::string out;
    std::string err;
};

// argv[0] is a path, or a name searched in PATH. Throws std::runtime_error when it cannot be
// started (the child exits 127 when the program cannot be executed).
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// run_process for commands expected to succeed: returns stdout, and throws
// std::runtime_error with the command line, how it ended and its stderr otherwise.
std::string run_command(const std::vector<std::string>& argv);

// `command` run by /bin/sh with its stderr joined to stdout (in `out`), in the order written.
ProcessResult run_shell(const std::string& command, const ProcessOptions& options = {});

// The command line as a shell would show it, for messages.
std::string command_line(const std::vector<std::string>& argv);

}  // namespace shoal::test
