// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>

namespace shoal::state {

// A state file or value that cannot be used; the message names the file and the field.
class StateError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::state
