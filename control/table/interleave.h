// SPDX-License-Identifier: MIT
// Deals out slots so that each slot's turns are spread evenly over the sequence.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace shoal::table {

// Returns a sequence of sum(counts) slot numbers in which slot s appears counts[s] times.
// Turn k of slot s sits near (k + 1/2) * total / counts[s]: every slot is spread over the
// whole sequence instead of forming a block. Equal positions keep slot order.
// O(total + slots), no division per turn.
std::vector<std::uint32_t> interleave(std::span<const std::uint64_t> counts);

}  // namespace shoal::table
