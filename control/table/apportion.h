// SPDX-License-Identifier: MIT
// Largest-remainder apportionment of an integer total by integer weights.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace shoal::table {

// Splits `total` into parts proportional to `weights`: the parts sum to `total` and each
// lies within 1 of total * w / sum(w) (floor, plus one for the largest remainders).
// Equal remainders go first to entries flagged in `prefer` (same size as weights, or
// empty), then to the lower position, so the result is deterministic.
// Requires sum(weights) > 0 unless total == 0; throws TableError otherwise.
std::vector<std::uint64_t> apportion(std::uint64_t total, std::span<const std::uint64_t> weights,
                                     std::span<const std::uint8_t> prefer = {});

}  // namespace shoal::table
