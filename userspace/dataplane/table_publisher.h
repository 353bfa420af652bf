// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

#include "dataplane/map_set.h"

namespace shoal {

struct PublishOptions {
    // Let a bucket have no first hop (its packets count DROP_NO_TABLE), e.g. a service with
    // no healthy server yet. Off by default: a hole in a table is usually a bug.
    bool allow_empty_first_hops = false;
};

struct PublishedTable {
    std::uint32_t service_id = 0;
    std::uint32_t slot = 0;           // the slot now live
    std::uint32_t previous_slot = 0;  // still holds the old table until the next publish
    std::uint32_t size = 0;
    std::uint32_t inner_map_id = 0;
    std::size_t services_repointed = 0;  // service entries moved to the new slot
};

// Publishes a service's forwarding table so that every packet sees the old table or the new
// one, never a mix: the new table is written into a new inner map, which goes into the
// service's unused slot; only then is each service entry (an RCU-swapped hash element) pointed
// at it. The old table stays in its slot until the next publish, for packets that read the
// old service entry just before.
class TablePublisher {
  public:
    explicit TablePublisher(const DataplaneMaps& maps) : maps_(maps) {}

    // Validates first (see validate_table); a refused table leaves the live one untouched.
    PublishedTable publish(std::uint32_t service_id, std::span<const shoal_bucket> buckets,
                           const PublishOptions& options = {}) const;
    // Empties both slots of a service; refused while a service entry still uses it.
    void remove(std::uint32_t service_id) const;

  private:
    const DataplaneMaps& maps_;
};

}  // namespace shoal
