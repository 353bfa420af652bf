// SPDX-License-Identifier: MIT
// IP addresses and "address:port" endpoints: one type for the config, the data plane's maps
// and the tools. An address is stored the way the maps store it (16 bytes, IPv4 in the first
// 4, family as enum shoal_family), so it goes to and from map keys without conversion;
// base/asio_endpoint.h converts to and from Boost.Asio.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shoal_abi.h"

namespace shoal {

struct IpAddress {
    std::uint8_t family = 0;  // SHOAL_FAMILY_IPV4 or SHOAL_FAMILY_IPV6; 0 = unset
    std::array<std::uint8_t, 16> bytes{};

    // "198.18.0.10" or "2001:db8::1"; throws std::invalid_argument naming the text otherwise.
    static IpAddress parse(std::string_view text);
    // From a map key or value; throws std::invalid_argument unless family is IPv4 or IPv6.
    static IpAddress from_abi(const std::uint8_t (&addr)[16], std::uint8_t family);
    // From the network-order IPv4 address the maps keep in a __be32.
    static IpAddress from_be32(std::uint32_t addr_be);

    bool is_v4() const noexcept { return family == SHOAL_FAMILY_IPV4; }
    bool is_v6() const noexcept { return family == SHOAL_FAMILY_IPV6; }
    bool is_unspecified() const noexcept;  // 0.0.0.0 or ::
    // Neither the unspecified address, nor multicast, nor the IPv4 broadcast address.
    bool is_unicast() const noexcept;
    std::uint32_t to_be32() const;  // IPv4 only; throws std::invalid_argument otherwise
    void copy_to(std::uint8_t (&addr)[16]) const noexcept;
    std::string to_string() const;  // "(no address)" when unset

    auto operator<=>(const IpAddress&) const = default;
};

// Strict dotted quad / RFC 4291 text; nullopt otherwise ("198.18.0" is not an address).
std::optional<IpAddress> parse_ipv4(std::string_view text);
std::optional<IpAddress> parse_ipv6(std::string_view text);
std::optional<IpAddress> parse_ip(std::string_view text);  // either family

// A socket address: "127.0.0.1:9469" or "[::1]:9469", port 1..65535.
struct Endpoint {
    IpAddress address;
    std::uint16_t port = 0;

    // Throws std::invalid_argument naming the text and what is wrong with it, e.g.
    // "endpoint \"2001:db8::1:80\": IPv6 addresses need brackets (expected IPv4:PORT or
    // [IPv6]:PORT)".
    static Endpoint parse(std::string_view text);

    std::string to_string() const;  // the text it was parsed from, normalised
    auto operator<=>(const Endpoint&) const = default;
};

// Endpoint::parse without the exception: nullopt, and what is wrong in `why` when given.
std::optional<Endpoint> parse_endpoint(std::string_view text, std::string* why = nullptr);

// A decimal port 1..65535, nothing else.
std::optional<std::uint16_t> parse_port(std::string_view text);

// "HOST:PORT" where HOST is a name, an IPv4 address or a bracketed IPv6 address: the etcd
// endpoints, shoalctl --host, load-source URLs. Endpoint is the same with an IP address.
struct HostPort {
    std::string host;  // without the brackets
    std::uint16_t port = 0;
    bool bracketed = false;  // the host was written in brackets (an IPv6 address)

    std::string to_string() const;  // brackets again around a host with ':'
};

// nullopt, and what is wrong in `why` when given, for no ":PORT", a port outside 1..65535, an
// empty host, an unclosed '[' or an IPv6 address without brackets.
std::optional<HostPort> parse_host_port(std::string_view text, std::string* why = nullptr);

// "HOST:PORT", with brackets around an IPv6 host ("[2001:db8::1]:80").
std::string endpoint_text(std::string_view host, std::string_view port);
inline std::string endpoint_text(std::string_view host, std::uint16_t port) {
    return endpoint_text(host, std::to_string(port));
}

}  // namespace shoal
