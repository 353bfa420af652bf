// SPDX-License-Identifier: MIT
#include "table/server_slots.h"

#include <fmt/format.h>

#include <algorithm>

namespace shoal::table {

ServerSlots::ServerSlots(std::span<const Server> servers) {
    by_slot_.reserve(servers.size());
    ServerIndex highest = 0;
    for (const Server& s : servers) {
        if (s.index > kMaxServerIndex)
            throw TableError(fmt::format("server \"{}\" has index {}, above the builder's limit {}",
                                         s.name, s.index, kMaxServerIndex));
        highest = std::max(highest, s.index);
        by_slot_.push_back(&s);
    }
    std::sort(by_slot_.begin(), by_slot_.end(),
              [](const Server* a, const Server* b) { return a->index < b->index; });
    for (std::size_t i = 1; i < by_slot_.size(); ++i)
        if (by_slot_[i - 1]->index == by_slot_[i]->index)
            throw TableError(fmt::format("servers \"{}\" and \"{}\" share index {}",
                                         by_slot_[i - 1]->name, by_slot_[i]->name,
                                         by_slot_[i]->index));
    lookup_.assign(servers.empty() ? 0 : std::size_t(highest) + 1, unknown_slot());
    for (std::uint32_t slot = 0; slot < size(); ++slot) lookup_[by_slot_[slot]->index] = slot;
}

}  // namespace shoal::table
