// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace shoal::test {

// Runs argv[0] (searched in PATH) with the arguments, waits, and returns its stdout.
// Throws std::runtime_error with the command line, exit status and stderr when it fails.
std::string run_command(const std::vector<std::string>& argv);

// The command line as a shell would show it, for messages.
std::string command_line(const std::vector<std::string>& argv);

} // namespace shoal::test
