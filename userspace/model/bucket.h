// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "model/flow.h"
#include "model/state.h"
#include "shoal_hash.h"

// docs/dataplane.md §4: the flow hash and the bucket it selects.
namespace shoal::model {

// The words bpf/shoal_hash.h hashes for a flow: the 4-tuple, or the source address alone
// when hash_mode is SHOAL_HASH_SRC_ADDR (any other value hashes the 4-tuple).
shoal_flow_words flow_words(const Flow& flow, std::uint8_t hash_mode);
std::uint64_t flow_hash(const shoal_config& config, const Flow& flow, std::uint8_t hash_mode);

// tables[service.table_slot][hash & bucket_mask]; nullopt when the slot has no table, the
// bucket is past its end, or the bucket has no first hop (all DROP_NO_TABLE).
std::optional<shoal_bucket> lookup_bucket(const DataplaneState& state, const shoal_service& service,
                                          std::uint64_t hash);

}  // namespace shoal::model
