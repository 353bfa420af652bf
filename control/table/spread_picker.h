// SPDX-License-Identifier: MIT
// Picks k of n candidates met one at a time, evenly spaced (Bresenham), so the buckets a
// server gives up are spread over the index space rather than taken as one block.
#pragma once

#include <cstdint>

namespace shoal::table {

class SpreadPicker {
  public:
    SpreadPicker() = default;
    // phase (taken modulo n) shifts where the picks fall, so servers that each give up one
    // bucket do not all give up the one in the middle of their list.
    SpreadPicker(std::uint64_t k, std::uint64_t n, std::uint64_t phase)
        : k_(k < n ? k : n), n_(n), phase_(n == 0 ? 0 : phase % n) {}

    // Meets the next candidate; `can_take` false means the other side refuses it. A refused
    // pick is owed and taken at the next candidate that can be taken. Exactly min(k, n)
    // picks when nothing is refused.
    bool offer(bool can_take) {
        ++visited_;
        if (!can_take || taken_ >= k_) return false;
        if ((visited_ * k_ + phase_) / n_ <= taken_) return false;
        ++taken_;
        return true;
    }

    std::uint64_t wanted() const { return k_; }
    std::uint64_t taken() const { return taken_; }

  private:
    std::uint64_t k_ = 0, n_ = 0, phase_ = 0;
    std::uint64_t visited_ = 0, taken_ = 0;
};

}  // namespace shoal::table
