// SPDX-License-Identifier: MIT
#include "loadgen/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace shoal::tools {
namespace {

constexpr unsigned kSubBits = 6;
constexpr std::uint64_t kSub = 1u << kSubBits;  // buckets per power of two
constexpr unsigned kMaxExponent = 63;

std::size_t bucket_of(std::uint64_t v) {
    if (v < kSub) return v;
    const unsigned exponent = 63 - std::countl_zero(v);  // >= kSubBits
    const std::uint64_t sub = (v >> (exponent - kSubBits)) & (kSub - 1);
    return kSub + (exponent - kSubBits) * kSub + sub;
}

// The middle of the values that fall into bucket `index`.
std::uint64_t value_of(std::size_t index) {
    if (index < kSub) return index;
    const std::size_t exponent = (index - kSub) / kSub + kSubBits;
    const std::uint64_t sub = (index - kSub) % kSub;
    const std::uint64_t low = (kSub + sub) << (exponent - kSubBits);
    const std::uint64_t width = std::uint64_t{1} << (exponent - kSubBits);
    return low + width / 2;
}

}  // namespace

LatencyHistogram::LatencyHistogram() : buckets_(kSub + (kMaxExponent - kSubBits + 1) * kSub, 0) {}

void LatencyHistogram::record(std::uint64_t micros) {
    ++buckets_[bucket_of(micros)];
    ++count_;
    max_ = std::max(max_, micros);
}

std::uint64_t LatencyHistogram::percentile(double q) const {
    if (count_ == 0) return 0;
    const auto rank = static_cast<std::uint64_t>(
        std::max(1.0, std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        seen += buckets_[i];
        if (seen >= rank) return std::min(value_of(i), max_);
    }
    return max_;
}

}  // namespace shoal::tools
