// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

// The hop list a GUE header carries (docs/dataplane.md §2, §5, §6): at most one next hop,
// either a plain list (priv type 'S') or a UDP return ticket ('R') naming its sender.
namespace shoal::model {

struct HopList {
    std::optional<std::uint16_t> next;  // nullopt: the empty list
    bool return_ticket = false;         // SHOAL_GUE_PRIV_RETURN; next is then set

    static HopList of(std::optional<std::uint16_t> next) { return {next, false}; }
    static HopList ticket_from(std::uint16_t self) { return {self, true}; }
};

}  // namespace shoal::model
