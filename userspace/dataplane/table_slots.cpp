// SPDX-License-Identifier: MIT
#include "dataplane/table_slots.h"

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"
#include "dataplane/dataplane_log.h"
#include "dataplane/service_writer.h"

namespace shoal {
namespace {

KeyText slot_text(std::uint32_t slot) {
    return [slot] { return fmt::format("slot {}", slot); };
}

}  // namespace

std::optional<LiveTable> TableSlots::live(std::uint32_t service_id) const {
    const std::uint32_t first = slot_of(service_id, 0);
    std::uint32_t votes[2] = {0, 0};
    for (const auto& [key, service] : ServiceWriter(services_, tables_).entries())
        if (service.service_id == service_id && service.table_slot / 2 == service_id)
            ++votes[service.table_slot & 1];
    if (votes[0] != 0 || votes[1] != 0) {
        if (votes[0] != 0 && votes[1] != 0)
            log_message(LogLevel::warn,
                        fmt::format("service {}: entries split between slots {} ({}) and {} ({}), "
                                    "an interrupted publish; the next publish repoints them all",
                                    service_id, first, votes[0], first + 1, votes[1]));
        const std::uint32_t slot = votes[1] > votes[0] ? first + 1 : first;
        return LiveTable{slot, size(slot)};
    }
    const std::uint32_t ids[2] = {inner_map_id(first), inner_map_id(first + 1)};
    if (ids[0] == 0 && ids[1] == 0) return std::nullopt;
    const std::uint32_t slot = ids[1] > ids[0] ? first + 1 : first;
    return LiveTable{slot, size(slot)};
}

std::uint32_t TableSlots::inner_map_id(std::uint32_t slot) const {
    std::uint32_t id = 0;
    if (!tables_.lookup(&slot, &id, slot_text(slot))) return 0;
    return id;
}

std::uint32_t TableSlots::size(std::uint32_t slot) const {
    const std::uint32_t id = inner_map_id(slot);
    if (id == 0) return 0;
    return BpfMap::from_id(id, fmt::format("{}[{}]", tables_.name(), slot)).info().max_entries;
}

std::vector<shoal_bucket> TableSlots::read(std::uint32_t slot) const {
    const std::uint32_t id = inner_map_id(slot);
    if (id == 0) return {};
    const BpfMap inner = BpfMap::from_id(id, fmt::format("{}[{}]", tables_.name(), slot));
    std::vector<shoal_bucket> buckets(inner.info().max_entries);
    inner.read_array(static_cast<std::uint32_t>(buckets.size()), buckets.data(),
                     sizeof(shoal_bucket));
    return buckets;
}

}  // namespace shoal
