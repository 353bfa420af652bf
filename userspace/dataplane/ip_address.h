// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "shoal_abi.h"

namespace shoal {

// An IPv4 or IPv6 address as the maps store it: 16 bytes, IPv4 in the first 4,
// family as enum shoal_family.
struct IpAddress {
    std::uint8_t family = 0; // SHOAL_FAMILY_IPV4 or SHOAL_FAMILY_IPV6; 0 = unset
    std::array<std::uint8_t, 16> bytes{};

    // "198.18.0.10" or "2001:db8::1"; throws DataplaneError on anything else.
    static IpAddress parse(std::string_view text);
    // From a map key or value; throws unless family is IPv4 or IPv6.
    static IpAddress from_abi(const std::uint8_t (&addr)[16], std::uint8_t family);
    // From the network-order IPv4 address the maps keep in a __be32.
    static IpAddress from_be32(std::uint32_t addr_be);

    bool is_v4() const noexcept { return family == SHOAL_FAMILY_IPV4; }
    bool is_v6() const noexcept { return family == SHOAL_FAMILY_IPV6; }
    std::uint32_t to_be32() const; // IPv4 only
    void copy_to(std::uint8_t (&addr)[16]) const noexcept;
    std::string to_string() const;

    auto operator<=>(const IpAddress&) const = default;
};

} // namespace shoal
