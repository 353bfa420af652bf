// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "dataplane/bpf_map.h"
#include "dataplane/map_entries.h"

namespace shoal {

struct ServiceSpec {
    ServiceKey key;
    std::uint32_t service_id = 0; // < SHOAL_MAX_SERVICES: its counter row and table slots
    shoal_hash_mode hash_mode = SHOAL_HASH_4TUPLE;
    shoal_fragments fragments = SHOAL_FRAGMENTS_PASS; // a 4-tuple service's fragment entry
};

// shoal_services: {VIP, protocol, port} -> service. set() points the entry at the service's
// live table, so the natural order is: publish the table, then set the services that use it.
// A service set before its table exists points at an empty slot (packets count DROP_NO_TABLE)
// until the first publish repoints it. One writer at a time (the daemon).
class ServiceWriter {
public:
    ServiceWriter(const BpfMap& services, const BpfMap& tables) : services_(services), tables_(tables)
    {
    }

    // Returns the value written.
    shoal_service set(const ServiceSpec& spec) const;
    bool remove(const ServiceKey& key) const; // false if absent
    std::optional<shoal_service> get(const ServiceKey& key) const;
    // Every entry, as stored.
    std::vector<std::pair<shoal_service_key, shoal_service>> entries() const;

private:
    const BpfMap& services_;
    const BpfMap& tables_;
};

} // namespace shoal
