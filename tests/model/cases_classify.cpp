// SPDX-License-Identifier: MIT
// §3: which service a packet is for, including ICMP errors steered along their flow.
#include "cases.h"

namespace shoal::cases {
namespace {

using test::ip;
using test::tcp_flags::ACK;
using test::tcp_flags::SYN;

// A reply the server sent from the VIP to the client, as a router quotes it (28 or 48 bytes).
Packet quoted_tcp4(Service s, std::uint16_t client_port) {
    return Packet()
        .ipv4(vip(s), kClient4)
        .tcp(80, client_port)
        .flags(SYN | ACK)
        .payload(Bytes(64, 1));
}

Bytes frag_needed(Service s, const Packet& quoted, std::size_t quote_len = 28) {
    return Packet()
        .eth(kIngressMac, kRouterMac)
        .ipv4(kRouter4, vip(s))
        .icmp_frag_needed(1400, Packet(quoted).truncate(quote_len))
        .build();
}

Bytes too_big(Service s, const Packet& quoted, std::size_t quote_len = 48) {
    return Packet()
        .eth(kIngressMac, kRouterMac)
        .ipv6(kRouter6, vip(s))
        .icmp6_packet_too_big(1280, Packet(quoted).truncate(quote_len))
        .build();
}

std::vector<PacketCase> service_lookup_cases() {
    const Bytes any_port = from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 12345).build();
    const Bytes any_port6 = from_client6(vip(kPeerTcp6)).tcp(kNoSocketPort, 8443).build();
    return {
        pass_case("TCP to a VIP port without a service passes as not for a service",
                  from_client4(vip(kLocalTcp4)).tcp(kNoSocketPort, 81).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("UDP to a port only TCP serves passes as not for a service",
                  from_client4(vip(kLocalTcp4)).udp(kUdpNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("TCP to an address without services passes as not for a service",
                  from_client4(ip("198.18.9.9")).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("IPv6 TCP to a port without a service passes as not for a service",
                  from_client6(vip(kLocalTcp6)).tcp(kNoSocketPort, 81).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("SCTP passes as not for a service",
                  from_client4(vip(kLocalTcp4)).ip_proto(132).payload(Bytes(12, 0)).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        forward_case("any-port service matches an arbitrary IPv4 port", any_port,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt,
                      expected_hash(base_world(), {kClient4, vip(kPeerTcp4), kNoSocketPort, 12345}),
                      ip_packet(any_port)}),
        forward_case("any-port service matches an arbitrary IPv6 port", any_port6,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp6,
                     {kPeer, 6, std::nullopt,
                      expected_hash(base_world(), {kClient6, vip(kPeerTcp6), kNoSocketPort, 8443}),
                      ip_packet(any_port6)}),
    };
}

std::vector<PacketCase> icmp_cases() {
    const Bytes peer_frag = frag_needed(kPeerTcp4, quoted_tcp4(kPeerTcp4, kNoSocketPort));
    const Bytes peer_udp_frag = frag_needed(
        kPeerUdp4,
        Packet().ipv4(vip(kPeerUdp4), kClient4).udp(443, kUdpNoSocketPort).payload("reply"));
    const Bytes peer_too_big = too_big(
        kPeerTcp6,
        Packet().ipv6(vip(kPeerTcp6), kClient6).tcp(80, kNoSocketPort).payload(Bytes(64, 2)));
    const Bytes drain_cookie = frag_needed(kDrainTcp4, quoted_tcp4(kDrainTcp4, kSyncookiePort));
    const Bytes drain_syn = frag_needed(
        kDrainTcp4, Packet().ipv4(vip(kDrainTcp4), kClient4).tcp(80, kNoSocketPort).flags(SYN));
    const Bytes port_unreachable =
        Packet()
            .eth(kIngressMac, kRouterMac)
            .ipv4(kRouter4, vip(kPeerTcp4))
            .icmp(3, 3)
            .payload(Packet(quoted_tcp4(kPeerTcp4, kNoSocketPort)).truncate(28).build())
            .build();
    const World w = base_world();
    return {
        pass_case("ICMP echo request passes as not for a service",
                  from_client4(vip(kLocalTcp4)).icmp(8, 0, 0x00010001).payload("ping").build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMP header cut short passes as not for a service",
                  from_client4(vip(kLocalTcp4)).ip_proto(1).payload(Bytes{3, 4, 0, 0, 0}).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMPv6 header cut short passes as not for a service",
                  from_client6(vip(kLocalTcp6)).ip_proto(58).payload(Bytes{2, 0, 0, 0}).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        forward_case("ICMP port unreachable addressed to the VIP follows its flow too",
                     port_unreachable, SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt,
                      expected_hash(w, {kClient4, vip(kPeerTcp4), kNoSocketPort, 80}),
                      ip_packet(port_unreachable)}),
        pass_case("ICMPv4 frag-needed carried in IPv6 passes as not for a service",
                  from_client6(vip(kLocalTcp6))
                      .icmp(3, 4, 1400)
                      .payload(Packet(quoted_tcp4(kLocalTcp4, kNoSocketPort)).truncate(28).build())
                      .build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("ICMPv6 echo request passes as not for a service",
                  from_client6(vip(kLocalTcp6)).icmp6(128, 0, 1).build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        keep_case("ICMP frag-needed about a local flow is kept at the last hop",
                  frag_needed(kLocalTcp4, quoted_tcp4(kLocalTcp4, kNoSocketPort)),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4),
        forward_case("ICMP frag-needed follows its TCP flow to the first hop", peer_frag,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                     {kPeer, 4, std::nullopt,
                      expected_hash(w, {kClient4, vip(kPeerTcp4), kNoSocketPort, 80}),
                      ip_packet(peer_frag)}),
        forward_case("ICMP frag-needed follows its UDP flow to the first hop", peer_udp_frag,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerUdp4,
                     {kPeer, 4, std::nullopt,
                      expected_hash(w, {kClient4, vip(kPeerUdp4), kUdpNoSocketPort, 443, 17}),
                      ip_packet(peer_udp_frag)}),
        forward_case("ICMPv6 packet-too-big follows its flow to the first hop", peer_too_big,
                     SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp6,
                     {kPeer, 6, std::nullopt,
                      expected_hash(w, {kClient6, vip(kPeerTcp6), kNoSocketPort, 80}),
                      ip_packet(peer_too_big)}),
        pass_case("ICMP frag-needed quoting fewer than 8 bytes after the IP header is unparsed",
                  frag_needed(kPeerTcp4, quoted_tcp4(kPeerTcp4, kNoSocketPort), 27),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("ICMP frag-needed quoting IHL below 5 is unparsed",
                  frag_needed(kPeerTcp4, Packet(quoted_tcp4(kPeerTcp4, kNoSocketPort)).ihl(4)),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case(
            "ICMP frag-needed quoting an IPv6 header is unparsed",
            frag_needed(kPeerTcp4, Packet(quoted_tcp4(kPeerTcp4, kNoSocketPort)).ip_version(6)),
            SHOAL_STAT_PASS_UNPARSED),
        pass_case(
            "ICMP frag-needed quoting ICMP is unparsed",
            frag_needed(kPeerTcp4,
                        Packet().ipv4(vip(kPeerTcp4), kClient4).icmp(0, 0).payload(Bytes(8, 0))),
            SHOAL_STAT_PASS_UNPARSED),
        pass_case("ICMPv6 packet-too-big quoting an extension header is unparsed",
                  too_big(kPeerTcp6,
                          Packet()
                              .ipv6(vip(kPeerTcp6), kClient6)
                              .destination_options()
                              .tcp(80, kNoSocketPort),
                          56),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case(
            "ICMPv6 packet-too-big quoting fewer than 8 bytes after the IP header is unparsed",
            too_big(kPeerTcp6, Packet().ipv6(vip(kPeerTcp6), kClient6).tcp(80, kNoSocketPort), 47),
            SHOAL_STAT_PASS_UNPARSED),
        pass_case("ICMP frag-needed about an unknown VIP passes as not for a service",
                  frag_needed(kPeerTcp4,
                              Packet().ipv4(ip("198.18.9.9"), kClient4).tcp(80, kNoSocketPort)),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        keep_case("ICMP-carried packet of an established flow is kept by its socket",
                  frag_needed(kDrainTcp4, quoted_tcp4(kDrainTcp4, kEstablishedPort)),
                  SHOAL_STAT_KEEP_SOCKET, kDrainTcp4),
        forward_case("ICMP-carried packet is not kept by a listener's SYN cookie", drain_cookie,
                     SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                     {kPeer, 4, std::nullopt,
                      expected_hash(w, {kClient4, vip(kDrainTcp4), kSyncookiePort, 80}),
                      ip_packet(drain_cookie)}),
        forward_case("ICMP-carried packet quoting a SYN is not kept as a SYN", drain_syn,
                     SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                     {kPeer, 4, std::nullopt,
                      expected_hash(w, {kClient4, vip(kDrainTcp4), kNoSocketPort, 80}),
                      ip_packet(drain_syn)}),
        keep_case("ICMP-carried packet of a flow the second hop owns is kept",
                  frag_needed(kSecondTcp4, quoted_tcp4(kSecondTcp4, kEstablishedPort)),
                  SHOAL_STAT_KEEP_SECOND_HOP_OWNED, kSecondTcp4),
    };
}

}  // namespace

std::vector<PacketCase> classify_cases() {
    std::vector<PacketCase> all = service_lookup_cases();
    auto icmp = icmp_cases();
    all.insert(all.end(), icmp.begin(), icmp.end());
    return all;
}

}  // namespace shoal::cases
