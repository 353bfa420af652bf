// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "dataplane/ip_address.h"
#include "shoal_abi.h"

// Host-order, typed views of the map keys and values of shoal_abi.h, with the conversions
// (byte order, family, flags) in one place.
namespace shoal {

// {VIP, protocol, port}; port 0 matches any port. A fragment entry is {VIP, protocol} alone
// (family | SHOAL_FAMILY_FRAGMENTS in the map, port 0): the fragments of that VIP and protocol.
struct ServiceKey {
    IpAddress vip;
    std::uint8_t proto = 0; // IPPROTO_TCP or IPPROTO_UDP
    std::uint16_t port = 0; // host order
    bool fragments = false; // the fragment entry (port must be 0)

    shoal_service_key to_abi() const; // throws on an unset VIP or another protocol
    static ServiceKey from_abi(const shoal_service_key& key);
    // "198.18.0.10/tcp/80", "[2001:db8::1]/udp/any", "198.18.0.10/udp/fragments"
    std::string to_string() const;
    auto operator<=>(const ServiceKey&) const = default;
};

// The DIPs a server is reached at; at least one.
struct ServerDips {
    std::optional<IpAddress> v4;
    std::optional<IpAddress> v6;

    shoal_server to_abi() const; // throws without any DIP or with a DIP of the wrong family
    static std::optional<ServerDips> from_abi(const shoal_server& server); // nullopt: unused
    bool operator==(const ServerDips&) const = default;
};

// This server's identity in the fleet (the single shoal_config entry).
struct DataplaneConfig {
    std::array<std::uint64_t, 2> hash_key{}; // SipHash key, shared by the fleet
    std::optional<IpAddress> self_v4;
    std::optional<IpAddress> self_v6;
    std::uint16_t self_index = 0;
    std::uint16_t gue_port = SHOAL_DEFAULT_GUE_PORT; // host order
    // ICMP too-big answers per second per CPU, and the burst (docs/dataplane.md §9).
    std::uint32_t icmp_too_big_rate = SHOAL_DEFAULT_ICMP_TOO_BIG_RATE;
    std::uint32_t icmp_too_big_burst = SHOAL_DEFAULT_ICMP_TOO_BIG_BURST;

    shoal_config to_abi() const; // throws on a bad index, port or DIP
    static DataplaneConfig from_abi(const shoal_config& config);
    bool operator==(const DataplaneConfig&) const = default;
};

enum class GueAuthMode : std::uint8_t {
    off = SHOAL_GUE_AUTH_OFF,
    permissive = SHOAL_GUE_AUTH_PERMISSIVE,
    enforce = SHOAL_GUE_AUTH_ENFORCE,
};
std::string_view gue_auth_mode_name(GueAuthMode mode); // "off", "permissive", "enforce"

// GUE authentication (the single shoal_gue_auth entry, docs/dataplane.md §8): the mode, the
// current key (signs and verifies) and, during a rotation, the next key (verifies only).
struct GueAuthSettings {
    GueAuthMode mode = GueAuthMode::off;
    std::array<std::uint64_t, 2> key{};
    std::optional<std::array<std::uint64_t, 2>> next_key;

    shoal_gue_auth to_abi() const;
    static GueAuthSettings from_abi(const shoal_gue_auth& value); // throws on an unknown mode
    bool operator==(const GueAuthSettings&) const = default;
};

std::string protocol_name(std::uint8_t proto); // "tcp", "udp" or the number
std::string describe(const shoal_service_key& key);
std::string describe(const shoal_member_key& key);

} // namespace shoal
