// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "dataplane/bpf_map.h"
#include "shoal_abi.h"

namespace shoal {

struct LiveTable {
    std::uint32_t slot = 0;
    std::uint32_t size = 0;  // buckets; 0 when the slot is empty
};

// Reads which of a service's two slots in shoal_tables (2*id and 2*id+1) is live, and what
// the slots hold. The kernel state is the only record, so a restarted daemon finds it too.
class TableSlots {
  public:
    TableSlots(const BpfMap& services, const BpfMap& tables)
        : services_(services), tables_(tables) {}

    static constexpr std::uint32_t slot_of(std::uint32_t service_id, std::uint32_t generation) {
        return 2 * service_id + (generation & 1);
    }

    // The slot the service's entries point at (the majority, should a crashed publish have
    // left them split); with no entries, the filled slot of the service with the newest
    // inner map; nullopt when there is neither.
    std::optional<LiveTable> live(std::uint32_t service_id) const;

    std::uint32_t inner_map_id(std::uint32_t slot) const;  // 0: empty slot
    std::uint32_t size(std::uint32_t slot) const;          // 0: empty slot
    // The buckets a slot holds; empty when the slot is.
    std::vector<shoal_bucket> read(std::uint32_t slot) const;

  private:
    const BpfMap& services_;
    const BpfMap& tables_;
};

}  // namespace shoal
