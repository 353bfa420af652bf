// SPDX-License-Identifier: MIT
// shoalctl's command line: global options, the verb table, and exit codes — 0 ok, 1 error
// (the daemon refused, failed, timed out or could not be reached), 2 usage.
#pragma once

namespace shoal::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

int run_shoalctl(int argc, char** argv);

}  // namespace shoal::cli
