// SPDX-License-Identifier: MIT
// Thousands of sockets need more descriptors than the usual soft limit of 1024.
#pragma once

namespace shoal::tools {

// Raises RLIMIT_NOFILE's soft limit to its hard limit; returns the new soft limit.
// Throws std::system_error naming the call on failure.
unsigned long raise_fd_limit();

}  // namespace shoal::tools
