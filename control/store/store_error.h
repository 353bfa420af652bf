// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace shoal::store {

// A store operation that failed; the message names the store, the file or key, and why.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// publish() of a generation that is not above the store's current one: another conductor
// (or an older copy of this one) got there first.
class StaleGenerationError : public StoreError {
  public:
    StaleGenerationError(std::uint64_t refused, std::uint64_t current);
    std::uint64_t refused() const noexcept { return refused_; }
    std::uint64_t current() const noexcept { return current_; }

  private:
    std::uint64_t refused_;
    std::uint64_t current_;
};

}  // namespace shoal::store
