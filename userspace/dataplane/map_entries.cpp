// SPDX-License-Identifier: MIT
#include "dataplane/map_entries.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"

namespace shoal {
namespace {

void require_family(const std::optional<IpAddress>& a, std::uint8_t family, std::string_view what,
                    std::string_view operation)
{
    if (a && a->family != family)
        throw DataplaneError::invalid(operation, fmt::format("{} {} has the wrong family", what,
                                                             a->to_string()));
}

} // namespace

shoal_service_key ServiceKey::to_abi() const
{
    if (vip.family == 0)
        throw DataplaneError::invalid("make service key", "no VIP");
    if (proto != IPPROTO_TCP && proto != IPPROTO_UDP)
        throw DataplaneError::invalid("make service key",
                                      fmt::format("{}: protocol must be tcp or udp", to_string()));
    if (fragments && port != 0)
        throw DataplaneError::invalid("make service key",
                                      fmt::format("{}: a fragment entry has no port", to_string()));
    shoal_service_key key{};
    vip.copy_to(key.addr);
    key.family = vip.family | (fragments ? SHOAL_FAMILY_FRAGMENTS : 0);
    key.proto = proto;
    key.port = htons(port);
    return key;
}

ServiceKey ServiceKey::from_abi(const shoal_service_key& key)
{
    const std::uint8_t family = key.family & ~SHOAL_FAMILY_FRAGMENTS;
    return ServiceKey{IpAddress::from_abi(key.addr, family), key.proto, ntohs(key.port),
                      (key.family & SHOAL_FAMILY_FRAGMENTS) != 0};
}

std::string ServiceKey::to_string() const
{
    const std::string addr = vip.is_v6() ? fmt::format("[{}]", vip.to_string()) : vip.to_string();
    const std::string port_text = fragments ? std::string("fragments")
                                  : port == 0 ? std::string("any")
                                              : std::to_string(port);
    return fmt::format("{}/{}/{}", addr, protocol_name(proto), port_text);
}

shoal_server ServerDips::to_abi() const
{
    if (!v4 && !v6)
        throw DataplaneError::invalid("make server entry", "a server needs an IPv4 or IPv6 DIP");
    require_family(v4, SHOAL_FAMILY_IPV4, "IPv4 DIP", "make server entry");
    require_family(v6, SHOAL_FAMILY_IPV6, "IPv6 DIP", "make server entry");
    shoal_server s{};
    if (v4) {
        s.dip4 = v4->to_be32();
        s.flags |= SHOAL_SERVER_HAS_V4;
    }
    if (v6) {
        v6->copy_to(s.dip6);
        s.flags |= SHOAL_SERVER_HAS_V6;
    }
    return s;
}

std::optional<ServerDips> ServerDips::from_abi(const shoal_server& server)
{
    if (server.flags == 0)
        return std::nullopt;
    ServerDips d;
    if (server.flags & SHOAL_SERVER_HAS_V4)
        d.v4 = IpAddress::from_be32(server.dip4);
    if (server.flags & SHOAL_SERVER_HAS_V6)
        d.v6 = IpAddress::from_abi(server.dip6, SHOAL_FAMILY_IPV6);
    return d;
}

shoal_config DataplaneConfig::to_abi() const
{
    const char* op = "make config";
    if (self_index >= SHOAL_MAX_SERVERS)
        throw DataplaneError::invalid(op, fmt::format("self index {} >= {}", self_index,
                                                      SHOAL_MAX_SERVERS));
    if (gue_port == 0)
        throw DataplaneError::invalid(op, "GUE port 0");
    if (!self_v4 && !self_v6)
        throw DataplaneError::invalid(op, "this server needs an IPv4 or IPv6 DIP");
    require_family(self_v4, SHOAL_FAMILY_IPV4, "self IPv4 DIP", op);
    require_family(self_v6, SHOAL_FAMILY_IPV6, "self IPv6 DIP", op);
    shoal_config c{};
    c.hash_key[0] = hash_key[0];
    c.hash_key[1] = hash_key[1];
    if (self_v4) {
        c.self_dip4 = self_v4->to_be32();
        c.flags |= SHOAL_SERVER_HAS_V4;
    }
    if (self_v6) {
        self_v6->copy_to(c.self_dip6);
        c.flags |= SHOAL_SERVER_HAS_V6;
    }
    c.self_index = self_index;
    c.gue_port = htons(gue_port);
    c.icmp_too_big_rate = icmp_too_big_rate;
    c.icmp_too_big_burst = icmp_too_big_burst;
    return c;
}

DataplaneConfig DataplaneConfig::from_abi(const shoal_config& c)
{
    DataplaneConfig d;
    d.hash_key = {c.hash_key[0], c.hash_key[1]};
    if (c.flags & SHOAL_SERVER_HAS_V4)
        d.self_v4 = IpAddress::from_be32(c.self_dip4);
    if (c.flags & SHOAL_SERVER_HAS_V6)
        d.self_v6 = IpAddress::from_abi(c.self_dip6, SHOAL_FAMILY_IPV6);
    d.self_index = c.self_index;
    d.gue_port = ntohs(c.gue_port);
    d.icmp_too_big_rate = c.icmp_too_big_rate;
    d.icmp_too_big_burst = c.icmp_too_big_burst;
    return d;
}

std::string_view gue_auth_mode_name(GueAuthMode mode)
{
    switch (mode) {
    case GueAuthMode::off:
        return "off";
    case GueAuthMode::permissive:
        return "permissive";
    case GueAuthMode::enforce:
        return "enforce";
    }
    return "unknown";
}

shoal_gue_auth GueAuthSettings::to_abi() const
{
    shoal_gue_auth a{};
    a.key[0] = key[0];
    a.key[1] = key[1];
    if (next_key) {
        a.next_key[0] = (*next_key)[0];
        a.next_key[1] = (*next_key)[1];
        a.has_next = 1;
    }
    a.mode = static_cast<std::uint8_t>(mode);
    return a;
}

GueAuthSettings GueAuthSettings::from_abi(const shoal_gue_auth& a)
{
    if (a.mode > SHOAL_GUE_AUTH_ENFORCE)
        throw DataplaneError::invalid("read GUE authentication",
                                      fmt::format("unknown mode {}", a.mode));
    GueAuthSettings s;
    s.mode = static_cast<GueAuthMode>(a.mode);
    s.key = {a.key[0], a.key[1]};
    if (a.has_next)
        s.next_key = std::array<std::uint64_t, 2>{a.next_key[0], a.next_key[1]};
    return s;
}

std::string protocol_name(std::uint8_t proto)
{
    switch (proto) {
    case IPPROTO_TCP:
        return "tcp";
    case IPPROTO_UDP:
        return "udp";
    default:
        return fmt::format("proto{}", proto);
    }
}

std::string describe(const shoal_service_key& key)
{
    const std::uint8_t family = key.family & ~SHOAL_FAMILY_FRAGMENTS;
    if (family != SHOAL_FAMILY_IPV4 && family != SHOAL_FAMILY_IPV6)
        return fmt::format("(family {})/{}/{}", key.family, protocol_name(key.proto),
                           ntohs(key.port));
    return ServiceKey::from_abi(key).to_string();
}

std::string describe(const shoal_member_key& key)
{
    if (key.family != SHOAL_FAMILY_IPV4 && key.family != SHOAL_FAMILY_IPV6)
        return fmt::format("(family {})", key.family);
    return IpAddress::from_abi(key.addr, key.family).to_string();
}

} // namespace shoal
