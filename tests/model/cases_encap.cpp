// SPDX-License-Identifier: MIT
// §6 and §7: the encapsulation itself, outer family, FIB results and the outer checksum.
#include <linux/bpf.h>

#include "cases.h"

namespace shoal::cases {
namespace {

using test::tcp_flags::ACK;

std::uint64_t hash_of(const IpAddr& client, Service s, std::uint16_t sport, std::uint16_t dport,
                      std::uint8_t proto = 6) {
    return expected_hash(base_world(), {client, vip(s), sport, dport, proto});
}

std::vector<PacketCase> family_cases() {
    const Bytes v6_to_v4only =
        from_client6(vip(kV4OnlyTcp6)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes v4_to_v6only =
        from_client4(vip(kV6OnlyTcp4)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes v6_to_v6only =
        from_client6(vip(kV6OnlyTcp6)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes v6_ext =
        from_client6(vip(kV6OnlyTcp6)).hop_by_hop().tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes udp_sum =
        from_client4(vip(kV6OnlyUdp4)).udp(kUdpNoSocketPort, 53).payload("q").build();
    const Bytes udp_nosum =
        from_client4(vip(kV6OnlyUdp4)).udp(kUdpNoSocketPort, 53).checksum(0).payload("q").build();
    const Bytes v4_in_v6_config = from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).build();

    return {
        forward_case("IPv6 packet to an IPv4-only server goes in IPv4 out another interface",
                     v6_to_v4only, SHOAL_STAT_FORWARD_FIRST_HOP, kV4OnlyTcp6,
                     {kV4Only, 4, std::nullopt, hash_of(kClient6, kV4OnlyTcp6, kNoSocketPort, 80),
                      ip_packet(v6_to_v4only)}),
        forward_case("IPv4 packet to an IPv6-only server goes in IPv6 with a valid UDP checksum",
                     v4_to_v6only, SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyTcp4,
                     {kV6Only, 6, std::nullopt, hash_of(kClient4, kV6OnlyTcp4, kNoSocketPort, 80),
                      ip_packet(v4_to_v6only)}),
        forward_case("IPv6 TCP in IPv6 gets a valid outer UDP checksum", v6_to_v6only,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyTcp6,
                     {kV6Only, 6, std::nullopt, hash_of(kClient6, kV6OnlyTcp6, kNoSocketPort, 80),
                      ip_packet(v6_to_v6only)}),
        forward_case("IPv6 inner with an extension header gets outer UDP checksum 0", v6_ext,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyTcp6,
                     {kV6Only, 6, std::nullopt, hash_of(kClient6, kV6OnlyTcp6, kNoSocketPort, 80),
                      ip_packet(v6_ext), std::nullopt, true}),
        forward_case(
            "IPv4 UDP with a checksum in IPv6 gets a valid outer UDP checksum", udp_sum,
            SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyUdp4,
            {kV6Only, 6, std::nullopt, hash_of(kClient4, kV6OnlyUdp4, kUdpNoSocketPort, 53, 17),
             ip_packet(udp_sum)}),
        forward_case(
            "IPv4 UDP without a checksum in IPv6 gets outer UDP checksum 0", udp_nosum,
            SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyUdp4,
            {kV6Only, 6, std::nullopt, hash_of(kClient4, kV6OnlyUdp4, kUdpNoSocketPort, 53, 17),
             ip_packet(udp_nosum), std::nullopt, true}),
        tweaked(drop_case("server without a DIP of a family this server has drops as no server",
                          v4_to_v6only, SHOAL_STAT_DROP_NO_SERVER, kV6OnlyTcp4),
                [](World& w) { w.state.config.flags = SHOAL_SERVER_HAS_V4; }),
        tweaked(
            forward_case("IPv4 packet goes in IPv6 when this server has no IPv4 DIP",
                         v4_in_v6_config, SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                         {kPeer, 6, std::nullopt, hash_of(kClient4, kPeerTcp4, kNoSocketPort, 80),
                          ip_packet(v4_in_v6_config)}),
            [](World& w) { w.state.config.flags = SHOAL_SERVER_HAS_V6; }),
    };
}

std::vector<PacketCase> header_cases() {
    const Bytes tos = from_client4(vip(kPeerTcp4)).tos(0xB9).tcp(kNoSocketPort, 80).build();
    const Bytes tc =
        from_client6(vip(kPeerTcp6)).tos(0x2A).flow_label(0x12345).tcp(kNoSocketPort, 80).build();
    const Bytes tos6 = from_client4(vip(kV6OnlyTcp4)).tos(0x48).tcp(kNoSocketPort, 80).build();
    const Bytes padded = from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).pad_to(60).build();
    const Bytes garbage_pad =
        from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).trailer(Bytes(30, 0xEE)).build();
    const Bytes vlan = Packet()
                           .eth(kIngressMac, kRouterMac)
                           .vlan(100, 3)
                           .ipv4(kClient4, vip(kPeerTcp4))
                           .tcp(kNoSocketPort, 80)
                           .build();
    const Bytes vlan6 = Packet()
                            .eth(kIngressMac, kRouterMac)
                            .vlan(4094)
                            .ipv6(kClient6, vip(kV6OnlyTcp6))
                            .tcp(kNoSocketPort, 80)
                            .pad_to(200)
                            .build();
    const Bytes options = from_client4(vip(kPeerTcp4))
                              .ip_options({0x01, 0x01, 0x01, 0x01})
                              .ttl(3)
                              .tcp(kNoSocketPort, 80)
                              .build();
    const std::uint64_t h4 = hash_of(kClient4, kPeerTcp4, kNoSocketPort, 80);

    EncapSpec vlan_spec{kPeer, 4, std::nullopt, h4, ip_packet(vlan, 18)};
    vlan_spec.vlan_tci = 3 << 13 | 100;
    EncapSpec vlan6_spec{kV6Only, 6, std::nullopt,
                         hash_of(kClient6, kV6OnlyTcp6, kNoSocketPort, 80),
                         Bytes(vlan6.begin() + 18, vlan6.begin() + 18 + 60)};
    vlan6_spec.vlan_tci = 4094;
    return {
        forward_case("inner TOS with ECN bits is copied to the outer IPv4 header", tos,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt, h4, ip_packet(tos)}),
        forward_case("inner traffic class is copied to the outer IPv6 header", tc,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp6,
                     {kPeer, 6, std::nullopt, hash_of(kClient6, kPeerTcp6, kNoSocketPort, 80),
                      ip_packet(tc)}),
        forward_case("inner IPv4 TOS becomes the outer IPv6 traffic class", tos6,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyTcp4,
                     {kV6Only, 6, std::nullopt, hash_of(kClient4, kV6OnlyTcp4, kNoSocketPort, 80),
                      ip_packet(tos6)}),
        forward_case("Ethernet padding is trimmed before encapsulation", padded,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt, h4, Bytes(padded.begin() + 14, padded.begin() + 54)}),
        forward_case("bytes after the IP packet are trimmed before encapsulation", garbage_pad,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt, h4,
                      Bytes(garbage_pad.begin() + 14, garbage_pad.begin() + 54)}),
        forward_case("802.1Q tag is kept on the encapsulated frame", vlan,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4, vlan_spec),
        forward_case("802.1Q tag and trimmed padding with an IPv6 outer header", vlan6,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kV6OnlyTcp6, vlan6_spec),
        forward_case("IPv4 options and TTL travel unchanged inside", options,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt, h4, ip_packet(options)}),
    };
}

std::vector<PacketCase> drop_cases() {
    const auto tcp_to = [](Service s) {
        return from_client4(vip(s)).tcp(kNoSocketPort, 80).build();
    };
    // 20 + 20 + payload inner bytes, plus 36 outer bytes.
    const Bytes at_mtu = from_client4(vip(kPeerTcp4))
                             .tcp(kNoSocketPort, 80)
                             .payload(Bytes(kMtu - 36 - 40, 0x61))
                             .build();
    const Bytes over_mtu = from_client4(vip(kPeerTcp4))
                               .tcp(kNoSocketPort, 80)
                               .payload(Bytes(kMtu - 36 - 40 + 1, 0x61))
                               .build();
    return {
        drop_case("server slot without flags drops as no server", tcp_to(kUnusedTcp4),
                  SHOAL_STAT_DROP_NO_SERVER, kUnusedTcp4),
        drop_case("server index past the maximum drops as no server", tcp_to(kBeyondTcp4),
                  SHOAL_STAT_DROP_NO_SERVER, kBeyondTcp4),
        drop_case("route without a resolved neighbour drops as FIB no neighbour",
                  tcp_to(kNoNeighTcp4), SHOAL_STAT_DROP_FIB_NO_NEIGH, kNoNeighTcp4),
        drop_case("no route to the server drops as FIB failed", tcp_to(kNoRouteTcp4),
                  SHOAL_STAT_DROP_FIB_FAILED, kNoRouteTcp4),
        forward_case("encapsulated packet of exactly the MTU is sent", at_mtu,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt, hash_of(kClient4, kPeerTcp4, kNoSocketPort, 80),
                      ip_packet(at_mtu)}),
        drop_case("encapsulated packet one byte over the MTU drops as too big", over_mtu,
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp4),
    };
}

// Arriving on the other interface, a packet for a server behind the ingress one is redirected.
std::vector<PacketCase> egress_cases() {
    const Bytes frame = from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).build();
    PacketCase c =
        forward_case("encapsulation out of an interface other than the ingress is XDP_REDIRECT",
                     frame, SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt, hash_of(kClient4, kPeerTcp4, kNoSocketPort, 80),
                      ip_packet(frame)});
    c.ingress_ifindex = kOtherIfindex;
    c.expect.action = XDP_REDIRECT;
    c.expect.redirect_ifindex = kIngressIfindex;
    return {c};
}

}  // namespace

std::vector<PacketCase> encap_cases() {
    return joined({family_cases, header_cases, drop_cases, egress_cases});
}

}  // namespace shoal::cases
