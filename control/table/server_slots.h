// SPDX-License-Identifier: MIT
// The servers of one build in dense slots (ordered by server index), and the fast
// server-index -> slot lookup the per-bucket passes use.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "table/table_types.h"

namespace shoal::table {

class ServerSlots {
  public:
    // Validates the servers: indexes unique and <= kMaxServerIndex. Throws TableError.
    explicit ServerSlots(std::span<const Server> servers);

    std::uint32_t size() const { return std::uint32_t(by_slot_.size()); }
    // The slot every hop that names no input server maps to (removed, unknown, kNoServer).
    std::uint32_t unknown_slot() const { return size(); }

    std::uint32_t slot_of(ServerIndex index) const {
        return index < lookup_.size() ? lookup_[index] : unknown_slot();
    }
    const Server& server(std::uint32_t slot) const { return *by_slot_[slot]; }
    ServerIndex index(std::uint32_t slot) const { return by_slot_[slot]->index; }

  private:
    std::vector<const Server*> by_slot_;
    std::vector<std::uint32_t> lookup_;
};

}  // namespace shoal::table
