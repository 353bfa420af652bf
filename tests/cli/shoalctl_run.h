// SPDX-License-Identifier: MIT
// Runs the real shoalctl binary against a canned daemon's socket.
#pragma once

#include <string>
#include <vector>

#include "canned_daemon.h"
#include "support/process.h"

namespace shoal::test {

inline ProcessResult shoalctl(const std::vector<std::string>& args,
                              const ProcessOptions& options = {}) {
    std::vector<std::string> argv{SHOALCTL_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions with_env = options;
    // The user's environment must not pick the socket for the test.
    with_env.unset_env.push_back("SHOAL_SOCKET");
    return run_process(argv, with_env);
}

inline ProcessResult shoalctl(const CannedDaemon& daemon, const std::vector<std::string>& args,
                              const ProcessOptions& options = {}) {
    std::vector<std::string> with_socket{"--socket", daemon.socket()};
    with_socket.insert(with_socket.end(), args.begin(), args.end());
    return shoalctl(with_socket, options);
}

}  // namespace shoal::test
