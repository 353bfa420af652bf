// SPDX-License-Identifier: MIT
// Conversion between the builder's table and the data plane's bucket array
// (struct shoal_bucket, u16 server indexes, SHOAL_NO_SERVER for an empty hop).
#pragma once

#include <span>
#include <vector>

#include "shoal_abi.h"
#include "table/table_types.h"

namespace shoal::table {

// Throws TableError naming the bucket if a hop is >= SHOAL_MAX_SERVERS.
std::vector<shoal_bucket> to_abi_buckets(const Table& table);

// The data plane keeps no change times; the caller says what to assume (e.g. "now", so
// the churn guard protects every second hop after a restart).
Table from_abi_buckets(std::span<const shoal_bucket> buckets, TimePoint changed);

}  // namespace shoal::table
