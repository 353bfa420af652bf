// SPDX-License-Identifier: MIT
// Latencies in microseconds, kept in log-linear buckets (64 per power of two, so a percentile
// is within 1.6% of the true value) to stay small however long the run is. Max is exact.
#pragma once

#include <cstdint>
#include <vector>

namespace shoal::tools {

class LatencyHistogram {
  public:
    LatencyHistogram();

    void record(std::uint64_t micros);
    std::uint64_t count() const { return count_; }
    std::uint64_t max() const { return max_; }
    // The value below which a share q (0..1] of the samples lie; 0 when there are none.
    std::uint64_t percentile(double q) const;

  private:
    std::vector<std::uint64_t> buckets_;
    std::uint64_t count_ = 0;
    std::uint64_t max_ = 0;
};

}  // namespace shoal::tools
