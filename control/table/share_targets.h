// SPDX-License-Identifier: MIT
// Rule 1: each server's target bucket count is its weight's share of the table,
// apportioned by largest remainder; draining and down servers get 0.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "table/server_slots.h"

namespace shoal::table {

struct ShareTargets {
    std::vector<std::uint32_t> target;  // per slot; sums to the table size
    std::vector<double> exact;          // per slot: buckets * weight / total active weight
};

// `held` (per slot, or empty) are the bucket counts in the previous table: a remainder
// tie goes to the server that already holds the extra bucket, which saves a move.
// Throws TableError when no active server has a weight above 0.
ShareTargets compute_share_targets(std::uint32_t buckets, const ServerSlots& slots,
                                   std::span<const std::uint32_t> held = {});

}  // namespace shoal::table
