// SPDX-License-Identifier: MIT
#include "model/classify.h"

#include <netinet/in.h>

#include <algorithm>
#include <optional>

#include "model/byte_order.h"
#include "model/cursor.h"

namespace shoal::model {
namespace {

constexpr std::uint8_t kIcmpDestUnreach = 3;
constexpr std::uint8_t kIcmp6DestUnreach = 1;
constexpr std::uint8_t kIcmp6PacketTooBig = 2;

std::optional<shoal_service> find_service(const DataplaneState& state, std::uint8_t family,
                                          const Address& addr, std::uint8_t proto,
                                          std::uint16_t port) {
    for (const std::uint16_t p : {port, std::uint16_t{0}}) {
        const auto it = state.services.find(make_service_key(family, addr, proto, p));
        if (it != state.services.end()) return it->second;
    }
    return std::nullopt;
}

bool is_tcp_or_udp(std::uint8_t proto) { return proto == IPPROTO_TCP || proto == IPPROTO_UDP; }

// The quoted packet of an ICMP error, reversed into the client's flow.
Classification classify_icmp_error(const IpHeader& ip, Cursor cur, const DataplaneState& state) {
    Classification c;
    c.kind = Classification::Kind::bad_l4;
    const std::size_t addr_len = ip.addr_len();
    Flow quoted;
    quoted.family = ip.family;
    std::size_t quoted_l3_len = 0;
    if (ip.family == SHOAL_FAMILY_IPV4) {
        if (!cur.has(20)) return c;
        const auto h = cur.peek(20);
        quoted_l3_len = std::size_t{h[0] & 0x0Fu} * 4;
        if ((h[0] >> 4) != 4 || quoted_l3_len < 20) return c;
        quoted.proto = h[9];
        std::copy_n(h.begin() + 12, addr_len, quoted.src.begin());
        std::copy_n(h.begin() + 16, addr_len, quoted.dst.begin());
    } else {
        if (!cur.has(40)) return c;
        const auto h = cur.peek(40);
        quoted_l3_len = 40;
        if ((h[0] >> 4) != 6) return c;
        quoted.proto = h[6];
        std::copy_n(h.begin() + 8, addr_len, quoted.src.begin());
        std::copy_n(h.begin() + 24, addr_len, quoted.dst.begin());
    }
    if (!is_tcp_or_udp(quoted.proto) || !cur.has(quoted_l3_len + 8)) return c;
    // Invariant 1b: an error about a VIP's packet is steered only when addressed to that VIP.
    // Sent to a DIP or any other host, it is not for a service.
    if (quoted.src != ip.dst) {
        c.kind = Classification::Kind::not_service;
        return c;
    }
    const auto ports = cur.peek(quoted_l3_len + 8).subspan(quoted_l3_len, 4);
    quoted.sport = load_be16(ports, 0);
    quoted.dport = load_be16(ports, 2);

    // The server sent the quoted packet from the VIP: its source is the service.
    const auto service = find_service(state, ip.family, quoted.src, quoted.proto, quoted.sport);
    c.kind = service ? Classification::Kind::service : Classification::Kind::not_service;
    if (service) c.service = *service;
    c.icmp_carried = true;
    c.flow = {quoted.family, quoted.proto, quoted.dst, quoted.src, quoted.dport, quoted.sport};
    return c;
}

}  // namespace

Classification classify(std::span<const std::uint8_t> frame, const IpHeader& ip,
                        const DataplaneState& state) {
    Classification c;
    Cursor cur(frame, ip.l4_offset(), ip.end());
    if (is_tcp_or_udp(ip.proto)) {
        const auto l4 = cur.peek(ip.proto == IPPROTO_TCP ? 20 : 8);  // check_l4 saw them
        c.flow = {ip.family, ip.proto, ip.src, ip.dst, load_be16(l4, 0), load_be16(l4, 2)};
        if (ip.proto == IPPROTO_TCP) c.tcp_flags = l4[13];
        const auto service = find_service(state, ip.family, ip.dst, ip.proto, c.flow.dport);
        if (service) {
            c.kind = Classification::Kind::service;
            c.service = *service;
        }
        return c;
    }
    const bool icmp4 = ip.family == SHOAL_FAMILY_IPV4 && ip.proto == IPPROTO_ICMP;
    const bool icmp6 = ip.family == SHOAL_FAMILY_IPV6 && ip.proto == IPPROTO_ICMPV6;
    if (!icmp4 && !icmp6) return c;
    if (!cur.has(8)) return c;  // not steerable
    const auto icmp = cur.take(8);
    const bool error_of_interest =
        icmp4 ? icmp[0] == kIcmpDestUnreach
              : icmp[0] == kIcmp6DestUnreach || icmp[0] == kIcmp6PacketTooBig;
    if (!error_of_interest) return c;
    return classify_icmp_error(ip, cur, state);
}

Classification classify_fragment(const IpHeader& ip, const DataplaneState& state) {
    Classification c;
    c.fragment = true;
    c.flow = {ip.family, ip.proto, ip.src, ip.dst, 0, 0};
    shoal_service_key key = make_service_key(ip.family, ip.dst, ip.proto, 0);
    key.family |= SHOAL_FAMILY_FRAGMENTS;
    const auto it = state.services.find(key);
    if (it != state.services.end()) {
        c.kind = Classification::Kind::service;
        c.service = it->second;
    }
    return c;
}

}  // namespace shoal::model
