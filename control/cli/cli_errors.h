// SPDX-License-Identifier: MIT
// How a verb fails: UsageError (exit 2: the command line is wrong in a way the parser could
// not see) or CommandError (exit 1: the daemon refused, timed out or answered an error).
#pragma once

#include <stdexcept>

namespace shoal::cli {

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class CommandError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::cli
