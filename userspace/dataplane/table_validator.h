// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "shoal_abi.h"

namespace shoal {

// Refuses a forwarding table the data plane must never see: a size that is not a power of two
// in [2^SHOAL_MIN_TABLE_BITS, 2^SHOAL_MAX_TABLE_BITS], a first hop that is not a configured
// server (or empty, unless allowed), a hop >= SHOAL_MAX_SERVERS. Throws DataplaneError naming
// the service, the first bad bucket and how many buckets are bad.
// configured_servers[i]: server index i has a DIP.
void validate_table(std::uint32_t service_id, std::span<const shoal_bucket> buckets,
                    const std::vector<bool>& configured_servers, bool allow_empty_first_hops);

}  // namespace shoal
