// SPDX-License-Identifier: MIT
#include "table/interleave.h"

#include <numeric>

namespace shoal::table {

namespace {

// Walks key(k) = floor((2k + 1) * total / (2 * count)) for k = 0..count-1 incrementally.
class TurnPositions {
  public:
    TurnPositions(std::uint64_t total, std::uint64_t count)
        : den_(2 * count),
          step_(2 * total / den_),
          step_rest_(2 * total % den_),
          key_(total / den_),
          rest_(total % den_) {}
    std::uint64_t key() const { return key_; }
    void next() {
        key_ += step_;
        rest_ += step_rest_;
        if (rest_ >= den_) {
            rest_ -= den_;
            ++key_;
        }
    }

  private:
    std::uint64_t den_, step_, step_rest_, key_, rest_;
};

}  // namespace

std::vector<std::uint32_t> interleave(std::span<const std::uint64_t> counts) {
    const std::uint64_t total = std::accumulate(counts.begin(), counts.end(), std::uint64_t(0));
    std::vector<std::uint32_t> start(total + 1, 0);  // counting sort by key, stable in slot order
    for (std::uint64_t c : counts) {
        if (c == 0) continue;
        TurnPositions pos(total, c);
        for (std::uint64_t k = 0; k < c; ++k, pos.next()) ++start[pos.key() + 1];
    }
    std::partial_sum(start.begin(), start.end(), start.begin());

    std::vector<std::uint32_t> sequence(total);
    for (std::uint32_t slot = 0; slot < counts.size(); ++slot) {
        if (counts[slot] == 0) continue;
        TurnPositions pos(total, counts[slot]);
        for (std::uint64_t k = 0; k < counts[slot]; ++k, pos.next())
            sequence[start[pos.key()]++] = slot;
    }
    return sequence;
}

}  // namespace shoal::table
