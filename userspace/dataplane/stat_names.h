// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "shoal_abi.h"

// The one table of counter names, in enum shoal_stat order: the enum name in lower case
// without SHOAL_STAT_. Shared by every C++ user (stats, model, daemon, tests).
namespace shoal {

inline constexpr std::array<std::string_view, SHOAL_STAT_MAX> kStatNames = {
    "pass_not_ip",
    "pass_not_service",
    "pass_unparsed",
    "pass_fragment",
    "keep_syn",
    "keep_socket",
    "keep_syncookie",
    "keep_last_hop",
    "keep_second_hop_owned",
    "forward_first_hop",
    "forward_second_hop",
    "forward_return",
    "decap",
    "drop_malformed",
    "drop_bad_gue",
    "drop_gue_not_member",
    "drop_gue_not_service",
    "drop_too_big",
    "drop_no_table",
    "drop_no_server",
    "drop_fib_no_neigh",
    "drop_fib_failed",
    "drop_no_headroom",
    "drop_ttl_expired",
    "drop_ce_not_ect",
    "drop_no_tx_port",
    "drop_fragment",
    "keep_fragment",
    "icmp_too_big_sent",
    "drop_icmp_rate_limited",
    "drop_gue_auth",
    "gue_auth_missing",
    "gue_auth_bad",
};

namespace detail {
constexpr bool all_stat_names_set()
{
    for (std::string_view name : kStatNames)
        if (name.empty())
            return false;
    return true;
}
} // namespace detail

// A new enum shoal_stat value without a name here leaves an empty slot at the end.
static_assert(detail::all_stat_names_set(), "kStatNames needs one name per enum shoal_stat");

constexpr std::string_view stat_name(shoal_stat stat)
{
    return static_cast<std::size_t>(stat) < kStatNames.size() ? kStatNames[stat] : "unknown";
}

constexpr std::optional<shoal_stat> stat_from_name(std::string_view name)
{
    for (std::size_t i = 0; i < kStatNames.size(); ++i)
        if (kStatNames[i] == name)
            return static_cast<shoal_stat>(i);
    return std::nullopt;
}

} // namespace shoal
