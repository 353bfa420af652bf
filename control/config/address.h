// SPDX-License-Identifier: MIT
// IP addresses and "address:port" endpoints as the config writes them.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shoal_abi.h"

namespace shoal::config {

// An IPv4 or IPv6 address the way the maps store it: 16 bytes, IPv4 in the first 4.
struct Address {
    std::uint8_t family = SHOAL_FAMILY_IPV4;  // enum shoal_family
    std::array<std::uint8_t, 16> bytes{};

    bool is_v4() const noexcept { return family == SHOAL_FAMILY_IPV4; }
    bool is_v6() const noexcept { return family == SHOAL_FAMILY_IPV6; }
    // Neither the unspecified address, nor multicast, nor the IPv4 broadcast address.
    bool is_unicast() const noexcept;
    std::string to_string() const;
    auto operator<=>(const Address&) const = default;
};

// Strict dotted quad / RFC 4291 text; nullopt otherwise ("198.18.0" is not an address).
std::optional<Address> parse_ipv4(std::string_view text);
std::optional<Address> parse_ipv6(std::string_view text);
std::optional<Address> parse_address(std::string_view text);  // either family

// A socket address to listen on: "127.0.0.1:9469" or "[::1]:9469"; port 1..65535.
struct Endpoint {
    Address address;
    std::uint16_t port = 0;

    std::string to_string() const;  // the text it was parsed from, normalised
    auto operator<=>(const Endpoint&) const = default;
};

std::optional<Endpoint> parse_endpoint(std::string_view text);
// A decimal port 1..65535, nothing else.
std::optional<std::uint16_t> parse_port(std::string_view text);

}  // namespace shoal::config
