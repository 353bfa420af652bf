// SPDX-License-Identifier: MIT
// The safety invariants of docs/dataplane.md: ICMP errors are steered only when addressed to the
// VIP that sent the quoted packet (1b), hop lists never name their sender or receiver (2), the
// redirector never forwards TTL <= 1 (3), and the inner packet is bounded by the outer (4).
#include "cases.h"

namespace shoal::cases {
namespace {

using test::Gue;
using test::ip;
using test::tcp_flags::ACK;
using test::tcp_flags::SYN;

// A packet the server sent from the VIP of s to the client (what routers quote).
Packet reply(Service s, std::uint16_t client_port = kNoSocketPort) {
    return vip_to_client(s).tcp(80, client_port).flags(SYN | ACK).payload(Bytes(64, 1));
}

// A router's ICMP(v6) error addressed to `to`, quoting the first quote_len bytes of `quoted`
// (a bare IP packet, not framed).
Bytes icmp_error(const IpAddr& to, std::uint8_t type, std::uint8_t code, const Packet& quoted,
                 std::size_t quote_len = 0) {
    const bool v4 = to.is_v4();
    const std::size_t full = v4 ? 28 : 48;
    Packet p;
    if (v4)
        p.ipv4(kRouter4, to).icmp(type, code, type == 3 && code == 4 ? 1400 : 0);
    else
        p.ipv6(kRouter6, to).icmp6(type, code, type == 2 ? 1280 : 0);
    return p.payload(Packet(quoted).truncate(quote_len ? quote_len : full).build()).build();
}

std::uint64_t flow_hash(Service s, std::uint16_t port, std::uint16_t vport = 80,
                        std::uint8_t proto = 6) {
    const IpAddr v = vip(s);
    return expected_hash(base_world(), {v.is_v4() ? kClient4 : kClient6, v, port, vport, proto});
}

std::vector<PacketCase> icmp_cases() {
    const IpAddr other_host = ip("198.18.9.9");
    const Bytes host_unreach = framed(icmp_error(vip(kPeerTcp4), 3, 1, reply(kPeerTcp4)));
    const Bytes unreach6 = framed(icmp_error(vip(kPeerTcp6), 1, 4, reply(kPeerTcp6)));
    const Bytes to_dip_inner = icmp_error(kSelf4, 3, 4, reply(kDrainTcp4));
    const Bytes to_host6_inner = icmp_error(ip("2001:db8:9::9"), 2, 0, reply(kDrainTcp6));
    const Bytes to_vip_inner = icmp_error(vip(kLocalTcp4), 3, 4, reply(kLocalTcp4));
    return {
        pass_case("ICMP frag-needed to this server's DIP quoting a VIP flow is not steered",
                  framed(icmp_error(kSelf4, 3, 4, reply(kPeerTcp4))), SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP frag-needed to another server's DIP quoting a VIP flow is not steered",
                  framed(icmp_error(kPeer4, 3, 4, reply(kPeerTcp4))), SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP frag-needed to another host quoting a VIP flow is not steered",
                  framed(icmp_error(other_host, 3, 4, reply(kPeerTcp4))),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP frag-needed to the client quoting a VIP flow is not steered",
                  framed(icmp_error(kClient4, 3, 4, reply(kLocalTcp4))),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP error to a VIP quoting another VIP's packet is not steered",
                  framed(icmp_error(vip(kPeerTcp4), 3, 4, reply(kLocalTcp4))),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case(
            "ICMP error to the VIP quoting a packet sent to the VIP is not steered",
            framed(icmp_error(vip(kPeerTcp4), 3, 4,
                              Packet().ipv4(kClient4, vip(kPeerTcp4)).tcp(kNoSocketPort, 80))),
            SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP error to a DIP quoting the DIP's own packet is not steered",
                  framed(icmp_error(kSelf4, 3, 4, Packet().ipv4(kSelf4, kClient4).tcp(80, 1))),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMPv6 packet-too-big to this server's DIP quoting a VIP flow is not steered",
                  framed(icmp_error(kSelf6, 2, 0, reply(kPeerTcp6))), SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMPv6 destination unreachable to another host quoting a VIP flow is not "
                  "steered",
                  framed(icmp_error(ip("2001:db8:9::9"), 1, 4, reply(kPeerTcp6))),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP time exceeded addressed to the VIP is not steered",
                  framed(icmp_error(vip(kPeerTcp4), 11, 0, reply(kPeerTcp4))),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP error to a DIP quoting too little is unparsed",
                  framed(icmp_error(kSelf4, 3, 4, reply(kPeerTcp4), 27)), SHOAL_STAT_PASS_UNPARSED),
        forward_case(
            "ICMP host unreachable addressed to the VIP follows its flow", host_unreach,
            SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
            {kPeer, 4, std::nullopt, flow_hash(kPeerTcp4, kNoSocketPort), ip_packet(host_unreach)}),
        forward_case(
            "ICMPv6 destination unreachable addressed to the VIP follows its flow", unreach6,
            SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp6,
            {kPeer, 6, std::nullopt, flow_hash(kPeerTcp6, kNoSocketPort), ip_packet(unreach6)}),
        keep_case(
            "ICMP administratively prohibited addressed to a local VIP is kept at the last hop",
            framed(icmp_error(vip(kLocalTcp4), 3, 13, reply(kLocalTcp4))), SHOAL_STAT_KEEP_LAST_HOP,
            kLocalTcp4),
        drop_case("GUE inner ICMP error to a DIP quoting a VIP flow drops as not for a service",
                  gue_from(kV4Only4, to_dip_inner, Gue::hop(kPeer)),
                  SHOAL_STAT_DROP_GUE_NOT_SERVICE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner ICMPv6 error to another host quoting a VIP flow drops as not for a "
                  "service",
                  gue_from(kPeer6, to_host6_inner), SHOAL_STAT_DROP_GUE_NOT_SERVICE,
                  SHOAL_STATS_ROW_NONE),
        keep_case("GUE inner ICMP error to the VIP quoting its flow is decapsulated and kept",
                  gue_from(kPeer4, to_vip_inner), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4,
                  decapsulated_frame(to_vip_inner), true),
    };
}

Bytes tcp_ttl(Service s, std::uint16_t client_port, std::uint8_t ttl, std::uint8_t flags = ACK) {
    const IpAddr v = vip(s);
    Packet p = v.is_v4() ? from_client4(v) : from_client6(v);
    return p.ttl(ttl).tcp(client_port, 80).flags(flags).payload("GET /").build();
}

Bytes inner_ttl(Service s, std::uint8_t proto, std::uint16_t client_port, std::uint8_t ttl) {
    Packet p = client_to_vip(s);
    p.ttl(ttl);
    if (proto == 6)
        p.tcp(client_port, 80).flags(ACK);
    else
        p.udp(client_port, 53);
    return p.payload("data").build();
}

std::vector<PacketCase> ttl_cases() {
    const Bytes ttl2 = tcp_ttl(kDrainTcp4, kNoSocketPort, 2);
    const Bytes first_hop = tcp_ttl(kPeerTcp4, kNoSocketPort, 1);
    const Bytes local_inner = inner_ttl(kLocalTcp4, 6, kNoSocketPort, 1);
    return {
        drop_case("TCP with TTL 1 no local socket owns is dropped by the redirector",
                  tcp_ttl(kDrainTcp4, kNoSocketPort, 1), SHOAL_STAT_DROP_TTL_EXPIRED, kDrainTcp4),
        drop_case("TCP with TTL 0 no local socket owns is dropped by the redirector",
                  tcp_ttl(kDrainTcp4, kNoSocketPort, 0), SHOAL_STAT_DROP_TTL_EXPIRED, kDrainTcp4),
        drop_case("IPv6 TCP with hop limit 1 no local socket owns is dropped by the redirector",
                  tcp_ttl(kDrainTcp6, kNoSocketPort, 1), SHOAL_STAT_DROP_TTL_EXPIRED, kDrainTcp6),
        drop_case("UDP with TTL 1 no connected socket owns is dropped, not sent with a ticket",
                  from_client4(vip(kDrainUdp4)).ttl(1).udp(kUdpNoSocketPort, 53).build(),
                  SHOAL_STAT_DROP_TTL_EXPIRED, kDrainUdp4),
        forward_case(
            "TCP with TTL 2 no local socket owns goes on to the second hop", ttl2,
            SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
            {kPeer, 4, std::nullopt, flow_hash(kDrainTcp4, kNoSocketPort), ip_packet(ttl2)}),
        keep_case("TCP SYN with TTL 1 is still kept as a new flow",
                  tcp_ttl(kDrainTcp4, kNoSocketPort, 1, SYN), SHOAL_STAT_KEEP_SYN, kDrainTcp4),
        keep_case("TCP with TTL 1 of an established connection is still kept by its socket",
                  tcp_ttl(kDrainTcp4, kEstablishedPort, 1), SHOAL_STAT_KEEP_SOCKET, kDrainTcp4),
        keep_case("TCP with TTL 1 and no second hop is kept at the last hop",
                  tcp_ttl(kLocalTcp4, kNoSocketPort, 1), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4),
        forward_case(
            "TCP with TTL 1 still goes to its bucket's first hop", first_hop,
            SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
            {kPeer, 4, std::nullopt, flow_hash(kPeerTcp4, kNoSocketPort), ip_packet(first_hop)}),
        decap_counted(drop_case(
            "GUE inner TCP with TTL 1 no local socket owns drops as TTL expired, counting DECAP",
            gue_from(kV4Only4, inner_ttl(kDrainTcp4, 6, kNoSocketPort, 1), Gue::hop(kPeer)),
            SHOAL_STAT_DROP_TTL_EXPIRED, kDrainTcp4)),
        decap_counted(drop_case(
            "GUE return ticket with inner hop limit 1 drops instead of going back, counting DECAP",
            gue_from(kPeer6, inner_ttl(kDrainUdp6, 17, kUdpNoSocketPort, 1), return_ticket(kPeer)),
            SHOAL_STAT_DROP_TTL_EXPIRED, kDrainUdp6)),
        keep_case("GUE inner TCP with TTL 1 without a hop list is kept at the last hop",
                  gue_from(kPeer4, local_inner), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4,
                  decapsulated_frame(local_inner), true),
    };
}

// GUE whose outer UDP length field says `udp_len` (the outer IP length stays right).
Bytes gue_udp_length(const Bytes& inner, std::uint16_t udp_len) {
    return Packet()
        .eth(kIngressMac, kPeerMac)
        .ipv4(kPeer4, kSelf4)
        .udp(50123, kGuePort)
        .udp_length(udp_len)
        .gue()
        .payload(inner)
        .build();
}

std::vector<PacketCase> bounds_cases() {
    const Bytes inner = inner_ttl(kLocalTcp4, 6, kNoSocketPort, 64);
    const auto full = static_cast<std::uint16_t>(16 + inner.size());
    Bytes with_tail = inner;  // bytes after the inner IP packet, inside the UDP payload
    with_tail.insert(with_tail.end(), {1, 2, 3, 4});
    const Bytes inner6 = Packet()
                             .ipv6(kClient6, vip(kLocalTcp6))
                             .ipv6_payload_length(20 + 4 + 8)
                             .tcp(kNoSocketPort, 80)
                             .payload("data")
                             .build();
    Bytes into_padding = gue_from(kPeer6, inner6);
    into_padding.insert(into_padding.end(), 8, 0);  // Ethernet padding the inner length reaches
    return {
        drop_case("GUE whose UDP length is short of the outer IP packet drops as bad GUE",
                  gue_udp_length(inner, full - 4), SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        pass_case("GUE whose UDP length is past the outer IP packet is unparsed",
                  gue_udp_length(inner, full + 1), SHOAL_STAT_PASS_UNPARSED),
        pass_case("GUE whose UDP length is below 8 is unparsed", gue_udp_length(inner, 7),
                  SHOAL_STAT_PASS_UNPARSED),
        drop_case("GUE whose UDP length ends inside the GUE header drops as bad GUE",
                  gue_udp_length(inner, 12), SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner IPv4 packet shorter than the UDP payload drops as bad GUE",
                  gue_from(kPeer4, with_tail), SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner IPv6 packet reaching into the Ethernet padding drops as bad GUE",
                  into_padding, SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner UDP length past its IP packet drops as malformed",
                  gue_from(kPeer4, Packet()
                                       .ipv4(kClient4, vip(kLocalUdp4))
                                       .udp(kUdpNoSocketPort, 53)
                                       .udp_length(200)
                                       .payload("q")
                                       .build()),
                  SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner UDP length below 8 drops as malformed",
                  gue_from(kPeer4, Packet()
                                       .ipv4(kClient4, vip(kLocalUdp4))
                                       .udp(kUdpNoSocketPort, 53)
                                       .udp_length(4)
                                       .build()),
                  SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner TCP data offset past its IP packet drops as malformed",
                  gue_from(kPeer4, Packet()
                                       .ipv4(kClient4, vip(kLocalTcp4))
                                       .tcp(kNoSocketPort, 80)
                                       .data_offset(15)
                                       .payload("data")
                                       .build()),
                  SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        keep_case("GUE over IPv6 hop list naming its own sender is kept, never sent back",
                  gue_from(kPeer6, inner_ttl(kDrainTcp6, 6, kNoSocketPort, 64), Gue::hop(kPeer)),
                  SHOAL_STAT_KEEP_LAST_HOP, kDrainTcp6,
                  decapsulated_frame(inner_ttl(kDrainTcp6, 6, kNoSocketPort, 64)), true),
    };
}

}  // namespace

std::vector<PacketCase> safety_cases() { return joined({icmp_cases, ttl_cases, bounds_cases}); }

}  // namespace shoal::cases
