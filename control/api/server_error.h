// SPDX-License-Identifier: MIT
// Why the control API server could not start: names the socket path or address and the
// failing step, e.g. "control socket /run/shoal/shoald.sock: bind: Permission denied".
#pragma once

#include <stdexcept>
#include <string>

namespace shoal::api {

class ServerError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::api
