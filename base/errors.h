// SPDX-License-Identifier: MIT
// Errors that carry their context. A failed system call is reported as "what: strerror",
// where `what` names the call and its object ("open lock file /var/lib/shoal/store/.lock").
#pragma once

#include <cerrno>
#include <string>
#include <string_view>
#include <system_error>

namespace shoal {

// "what: No such file or directory".
std::string errno_message(std::string_view what, int error = errno);

// A std::system_error for `error` whose what() is errno_message(what, error), for callers that
// tell errors apart by code (ENOENT) as well as show them.
std::system_error errno_error(std::string_view what, int error = errno);

}  // namespace shoal
