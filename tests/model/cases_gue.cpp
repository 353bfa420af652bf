// SPDX-License-Identifier: MIT
// §2: GUE from fleet members: checks, decapsulation and the second-hop redirector.
#include "cases.h"
#include "gue_frames.h"
#include "shoal_abi.h"

namespace shoal::cases {
namespace {

using test::Gue;
using test::ip;
using test::tcp_flags::ACK;
using test::tcp_flags::SYN;

// GUE carrying the hop list [kPeer] comes from neither this server nor kPeer (invariant 2): from
// the server the router gave the packet to, here the single-family servers 3 and 4.
Bytes relayed(const Bytes& inner, Gue gue, int outer_family = 4,
              std::optional<std::uint16_t> vlan = std::nullopt) {
    return gue_frame(inner, gue, outer_family, vlan, outer_family == 4 ? &kV4Only4 : &kV6Only6);
}

// §5 with a return ticket, and UDP at the current hop: the ticket goes out with UDP only, and
// what comes back with one is kept by its socket or returned with an empty hop list.
std::vector<PacketCase> return_ticket_cases() {
    const World w = base_world();
    const auto encap = [&](Service s, std::uint16_t port, const Bytes& inner, std::uint16_t target,
                           std::optional<std::uint16_t> hop, bool ticket, std::uint8_t proto = 17) {
        const IpAddr v = vip(s);
        const bool v4 = v.is_v4();
        const std::uint16_t vport = proto == 17 ? 53 : 80;
        EncapSpec spec{target, v4 ? 4 : 6, hop,
                       expected_hash(w, {v4 ? kClient4 : kClient6, v, port, vport, proto}), inner};
        spec.return_ticket = ticket;
        return spec;
    };
    const Bytes udp = inner_udp(kDrainUdp4, kUdpNoSocketPort);
    const Bytes udp6 = inner_udp(kDrainUdp6, kUdpNoSocketPort);
    const Bytes connected = inner_udp(kDrainUdp4, kUdpConnectedPort);
    const Bytes connected6 = inner_udp(kDrainUdp6, kUdpConnectedPort);
    const Bytes tcp = inner_tcp(kDrainTcp4, kNoSocketPort);
    const Bytes syn = inner_tcp(kDrainTcp4, kNoSocketPort, SYN);
    const Bytes icmp_udp =
        Packet()
            .ipv4(kRouter4, vip(kDrainUdp4))
            .icmp_frag_needed(
                1400,
                Packet().ipv4(vip(kDrainUdp4), kClient4).udp(53, kUdpNoSocketPort).truncate(28))
            .build();
    return {
        forward_case("GUE with a next hop sends UDP without a socket on with a return ticket",
                     relayed(udp, Gue::hop(kPeer)), SHOAL_STAT_FORWARD_SECOND_HOP, kDrainUdp4,
                     encap(kDrainUdp4, kUdpNoSocketPort, udp, kPeer, kSelf, true), true),
        keep_case("GUE with a next hop keeps UDP its connected socket owns",
                  relayed(connected, Gue::hop(kPeer)), SHOAL_STAT_KEEP_SOCKET, kDrainUdp4,
                  decapsulated(connected), true),
        keep_case("GUE return ticket keeps UDP its connected socket owns",
                  gue_frame(connected, return_ticket(kPeer)), SHOAL_STAT_KEEP_SOCKET, kDrainUdp4,
                  decapsulated(connected), true),
        keep_case("GUE over IPv6 return ticket keeps IPv6 UDP its connected socket owns",
                  gue_frame(connected6, return_ticket(kPeer), 6), SHOAL_STAT_KEEP_SOCKET,
                  kDrainUdp6, decapsulated(connected6), true),
        forward_case("GUE return ticket sends UDP without a socket back with an empty hop list",
                     gue_frame(udp, return_ticket(kPeer)), SHOAL_STAT_FORWARD_RETURN, kDrainUdp4,
                     encap(kDrainUdp4, kUdpNoSocketPort, udp, kPeer, std::nullopt, false), true),
        forward_case("GUE over IPv6 return ticket sends IPv6 UDP back with an empty hop list",
                     gue_frame(udp6, return_ticket(kPeer), 6), SHOAL_STAT_FORWARD_RETURN,
                     kDrainUdp6,
                     encap(kDrainUdp6, kUdpNoSocketPort, udp6, kPeer, std::nullopt, false), true),
        forward_case("GUE return ticket from a member of another index goes back to that member",
                     gue_frame(udp, return_ticket(kV4Only), 4, std::nullopt, &kV4Only4),
                     SHOAL_STAT_FORWARD_RETURN, kDrainUdp4,
                     encap(kDrainUdp4, kUdpNoSocketPort, udp, kV4Only, std::nullopt, false), true),
        drop_case("GUE return ticket naming a server other than its sender drops as bad GUE",
                  gue_frame(udp, return_ticket(kV4Only)), SHOAL_STAT_DROP_BAD_GUE,
                  SHOAL_STATS_ROW_NONE),
        forward_case(
            "GUE return ticket sends an ICMP error of a UDP flow back",
            gue_frame(icmp_udp, return_ticket(kPeer)), SHOAL_STAT_FORWARD_RETURN, kDrainUdp4,
            encap(kDrainUdp4, kUdpNoSocketPort, icmp_udp, kPeer, std::nullopt, false), true),
        drop_case("GUE return ticket naming this server drops as bad GUE",
                  gue_frame(udp, return_ticket(kSelf)), SHOAL_STAT_DROP_BAD_GUE,
                  SHOAL_STATS_ROW_NONE),
        keep_case("GUE return ticket carrying a TCP SYN keeps it as a new flow",
                  gue_frame(syn, return_ticket(kPeer)), SHOAL_STAT_KEEP_SYN, kDrainTcp4,
                  decapsulated(syn), true),
        forward_case("GUE return ticket carrying TCP without a socket sends it back as well",
                     gue_frame(tcp, return_ticket(kPeer)), SHOAL_STAT_FORWARD_RETURN, kDrainTcp4,
                     encap(kDrainTcp4, kNoSocketPort, tcp, kPeer, std::nullopt, false, 6), true),
        decap_counted(drop_case("GUE return ticket of a member with an unused server slot drops "
                                "as no server, counting DECAP",
                                gue_frame(udp, return_ticket(kUnused), 4, std::nullopt, &kUnused4),
                                SHOAL_STAT_DROP_NO_SERVER, kDrainUdp4)),
    };
}

std::vector<PacketCase> decap_cases() {
    const Bytes local = inner_tcp(kLocalTcp4, kNoSocketPort);
    const Bytes local6 = inner_tcp(kLocalTcp6, kNoSocketPort);
    const Bytes peer = inner_tcp(kPeerTcp4, kNoSocketPort);
    const Bytes drain = inner_tcp(kDrainTcp4, kNoSocketPort);
    const Bytes drain6 = inner_tcp(kDrainTcp6, kNoSocketPort);
    const Bytes icmp =
        Packet()
            .ipv4(kRouter4, vip(kDrainTcp4))
            .icmp_frag_needed(
                1400, Packet().ipv4(vip(kDrainTcp4), kClient4).tcp(80, kNoSocketPort).truncate(28))
            .build();
    const World w = base_world();
    const auto fwd = [&](const Bytes& inner, std::uint16_t port,
                         std::optional<std::uint16_t> vlan = std::nullopt) {
        const bool v4 = inner[0] >> 4 == 4;
        EncapSpec spec{kPeer, v4 ? 4 : 6, std::nullopt,
                       expected_hash(w, {v4 ? kClient4 : kClient6,
                                         v4 ? vip(kDrainTcp4) : vip(kDrainTcp6), port, 80}),
                       inner};
        spec.vlan_tci = vlan;
        return spec;
    };
    const Bytes outer_padded = [&] {
        Bytes f = gue_frame(local);
        f.insert(f.end(), 10, 0xEE);
        return f;
    }();
    Bytes decap_padded = decapsulated(local);
    decap_padded.insert(decap_padded.end(), 10, 0xEE);
    return {
        keep_case("GUE without a hop list is decapsulated and kept at the last hop",
                  gue_frame(local), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, decapsulated(local),
                  true),
        keep_case("GUE ignores the service's table: a peer's bucket is kept at the last hop",
                  gue_frame(peer), SHOAL_STAT_KEEP_LAST_HOP, kPeerTcp4, decapsulated(peer), true),
        // Invariant 2 on receipt: a list naming this server or its sender (an older sender's
        // round trip) reads as empty, so the packet is kept here and never sent back.
        keep_case("GUE hop list naming this server reads as empty: kept at the last hop",
                  gue_frame(drain, Gue::hop(kSelf)), SHOAL_STAT_KEEP_LAST_HOP, kDrainTcp4,
                  decapsulated(drain), true),
        keep_case("GUE hop list naming its own sender reads as empty: kept at the last hop",
                  gue_frame(drain, Gue::hop(kPeer)), SHOAL_STAT_KEEP_LAST_HOP, kDrainTcp4,
                  decapsulated(drain), true),
        keep_case("GUE over IPv6 carrying IPv6 is decapsulated", gue_frame(local6, {}, 6),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6, decapsulated(local6), true),
        keep_case("GUE over IPv4 carrying IPv6 is decapsulated", gue_frame(local6, {}, 4),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6, decapsulated(local6), true),
        keep_case("GUE over IPv6 carrying IPv4 is decapsulated", gue_frame(local, {}, 6),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, decapsulated(local), true),
        keep_case("GUE decapsulation keeps the 802.1Q tag", gue_frame(local, {}, 4, 100),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, decapsulated(local, 100), true),
        keep_case("GUE decapsulation keeps bytes after the outer packet", outer_padded,
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, decap_padded, true),
        keep_case("GUE from a member of another server index is accepted",
                  gue_frame(local, {}, 4, std::nullopt, &kV4Only4), SHOAL_STAT_KEEP_LAST_HOP,
                  kLocalTcp4, decapsulated(local), true),
        keep_case("GUE with a next hop keeps a SYN",
                  relayed(inner_tcp(kDrainTcp4, kNoSocketPort, SYN), Gue::hop(kPeer)),
                  SHOAL_STAT_KEEP_SYN, kDrainTcp4,
                  decapsulated(inner_tcp(kDrainTcp4, kNoSocketPort, SYN)), true),
        keep_case("GUE with a next hop keeps a flow with an established socket",
                  relayed(inner_tcp(kDrainTcp4, kEstablishedPort), Gue::hop(kPeer)),
                  SHOAL_STAT_KEEP_SOCKET, kDrainTcp4,
                  decapsulated(inner_tcp(kDrainTcp4, kEstablishedPort)), true),
        with_valid_syncookie(
            keep_case("GUE with a next hop keeps an ACK with a valid SYN cookie",
                      relayed(inner_tcp(kDrainTcp6, kSyncookiePort), Gue::hop(kPeer), 6),
                      SHOAL_STAT_KEEP_SYNCOOKIE, kDrainTcp6,
                      decapsulated(inner_tcp(kDrainTcp6, kSyncookiePort)), true)),
        forward_case("GUE with a next hop sends a flow without a socket on with an empty hop list",
                     relayed(drain, Gue::hop(kPeer)), SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                     fwd(drain, kNoSocketPort), true),
        forward_case("GUE over IPv4 with an IPv6 flow is sent on in IPv6",
                     relayed(drain6, Gue::hop(kPeer), 4), SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp6,
                     fwd(drain6, kNoSocketPort), true),
        forward_case("GUE sent on to the next hop keeps the 802.1Q tag",
                     relayed(drain, Gue::hop(kPeer), 4, 55), SHOAL_STAT_FORWARD_SECOND_HOP,
                     kDrainTcp4, fwd(drain, kNoSocketPort, 55), true),
        forward_case("GUE carrying an ICMP error follows the quoted flow to the next hop",
                     relayed(icmp, Gue::hop(kPeer)), SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                     fwd(icmp, kNoSocketPort), true),
        decap_counted(drop_case("GUE next hop without flags drops as no server, counting DECAP",
                                gue_frame(drain, Gue::hop(kUnused)), SHOAL_STAT_DROP_NO_SERVER,
                                kDrainTcp4)),
    };
}

Gue with(void (*change)(Gue&)) {
    Gue g;
    change(g);
    return g;
}

std::vector<PacketCase> reject_cases() {
    const Bytes local = inner_tcp(kLocalTcp4, kNoSocketPort);
    const IpAddr stranger = kClient4;
    const IpAddr stranger6 = ip("2001:db8::3");
    std::vector<PacketCase> cases = {
        drop_case("GUE from an address that is not a fleet member drops",
                  gue_frame(local, {}, 4, std::nullopt, &stranger), SHOAL_STAT_DROP_GUE_NOT_MEMBER,
                  SHOAL_STATS_ROW_NONE),
        drop_case("GUE over IPv6 from an address that is not a fleet member drops",
                  gue_frame(local, {}, 6, std::nullopt, &stranger6), SHOAL_STAT_DROP_GUE_NOT_MEMBER,
                  SHOAL_STATS_ROW_NONE),
        drop_case(
            "GUE from a non-member is dropped before its header is checked",
            gue_frame(local, with([](Gue& g) { g.ver_c_hlen = 0; }), 4, std::nullopt, &stranger),
            SHOAL_STAT_DROP_GUE_NOT_MEMBER, SHOAL_STATS_ROW_NONE),
    };
    const std::pair<const char*, void (*)(Gue&)> bad_headers[] = {
        {"GUE version 1 drops as bad GUE", [](Gue& g) { g.ver_c_hlen = 0x41; }},
        {"GUE control bit drops as bad GUE", [](Gue& g) { g.ver_c_hlen = 0x21; }},
        {"GUE hlen 0 drops as bad GUE", [](Gue& g) { g.ver_c_hlen = 0x00; }},
        {"GUE hlen 2 drops as bad GUE", [](Gue& g) { g.ver_c_hlen = 0x02; }},
        {"GUE flags drop as bad GUE", [](Gue& g) { g.flags = 0x8000; }},
        {"GUE private data of another type drops as bad GUE", [](Gue& g) { g.priv_type = 0x00; }},
        {"GUE proto UDP drops as bad GUE", [](Gue& g) { g.proto = 17; }},
        {"GUE hop count 2 drops as bad GUE",
         [](Gue& g) {
             g.hop_count = 2;
             g.next_hop = 2;
         }},
        {"GUE hop count 0 with a next hop drops as bad GUE", [](Gue& g) { g.next_hop = 2; }},
        {"GUE hop count 1 without a next hop drops as bad GUE", [](Gue& g) { g.hop_count = 1; }},
        {"GUE next hop past the maximum server drops as bad GUE",
         [](Gue& g) {
             g.hop_count = 1;
             g.next_hop = SHOAL_MAX_SERVERS;
         }},
        {"GUE return ticket without a hop drops as bad GUE",
         [](Gue& g) { g.priv_type = SHOAL_GUE_PRIV_RETURN; }},
        {"GUE return ticket with hop count 0 naming a server drops as bad GUE",
         [](Gue& g) {
             g.priv_type = SHOAL_GUE_PRIV_RETURN;
             g.next_hop = kPeer;
         }},
        {"GUE return ticket with hop count 2 drops as bad GUE",
         [](Gue& g) {
             g.priv_type = SHOAL_GUE_PRIV_RETURN;
             g.hop_count = 2;
             g.next_hop = kPeer;
         }},
        {"GUE return ticket naming a server past the maximum drops as bad GUE",
         [](Gue& g) { g = return_ticket(SHOAL_MAX_SERVERS); }},
        {"GUE private data type 'Q' next to the hop-list types drops as bad GUE",
         [](Gue& g) {
             g = Gue::hop(kPeer);
             g.priv_type = 0x51;
         }},
    };
    for (const auto& [name, change] : bad_headers) {
        cases.push_back(drop_case(name, gue_frame(local, with(change)), SHOAL_STAT_DROP_BAD_GUE,
                                  SHOAL_STATS_ROW_NONE));
    }
    const Bytes short_gue = Packet()
                                .eth(kIngressMac, kPeerMac)
                                .ipv4(kPeer4, kSelf4)
                                .udp(kOuterSport, kGuePort)
                                .payload(Bytes{0x01, 4, 0, 0, 0x53, 0, 0xFF})
                                .build();
    const Bytes gue_in_padding = Packet()
                                     .eth(kIngressMac, kPeerMac)
                                     .ipv4(kPeer4, kSelf4)
                                     .udp(kOuterSport, kGuePort)
                                     .trailer(Bytes{0x01, 4, 0, 0, 0x53, 0, 0xFF, 0xFF})
                                     .build();
    cases.push_back(drop_case("GUE header cut short drops as bad GUE", short_gue,
                              SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE));
    cases.push_back(drop_case("GUE header in the Ethernet padding drops as bad GUE", gue_in_padding,
                              SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE));
    return cases;
}

std::vector<PacketCase> inner_cases() {
    const Bytes local = inner_tcp(kLocalTcp4, kNoSocketPort);
    const Bytes local6 = inner_tcp(kLocalTcp6, kNoSocketPort);
    const Bytes cut_tcp = Packet()
                              .ipv4(kClient4, vip(kLocalTcp4))
                              .ip_total_length(39)
                              .tcp(kNoSocketPort, 80)
                              .truncate(39)
                              .build();
    const Bytes deep = Packet()
                           .ipv6(kClient6, vip(kLocalTcp6))
                           .destination_options(31)
                           .destination_options(31)
                           .tcp(kNoSocketPort, 80)
                           .build();
    const Bytes icmp_short_quote =
        Packet()
            .ipv4(kRouter4, vip(kPeerTcp4))
            .icmp_frag_needed(
                1400, Packet().ipv4(vip(kPeerTcp4), kClient4).tcp(80, kNoSocketPort).truncate(24))
            .build();
    Gue v6_as_v4;
    v6_as_v4.proto = 4;
    const Bytes fragment =
        Packet().ipv4(kClient4, vip(kLocalTcp4)).fragment(0, true).tcp(kNoSocketPort, 80).build();
    const Bytes fragment6 = Packet()
                                .ipv6(kClient6, vip(kLocalTcp6))
                                .ipv6_fragment(0, true)
                                .tcp(kNoSocketPort, 80)
                                .build();
    return {
        drop_case("GUE proto 4 carrying IPv6 drops as bad GUE", gue_frame(local6, v6_as_v4),
                  SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        drop_case(
            "GUE inner IPv4 with IHL below 5 drops as bad GUE",
            gue_frame(
                Packet().ipv4(kClient4, vip(kLocalTcp4)).ihl(4).tcp(kNoSocketPort, 80).build()),
            SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        keep_case("GUE inner fragment of a 4-tuple service passes decapsulated as a fragment",
                  gue_frame(fragment), SHOAL_STAT_PASS_FRAGMENT, kLocalTcp4, decapsulated(fragment),
                  true),
        keep_case("GUE inner IPv6 fragment of a 4-tuple service passes as a fragment",
                  gue_frame(fragment6), SHOAL_STAT_PASS_FRAGMENT, kLocalTcp6,
                  decapsulated(fragment6), true),
        drop_case("GUE with no inner packet drops as bad GUE", gue_frame(Bytes{}),
                  SHOAL_STAT_DROP_BAD_GUE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner TCP header cut short drops as malformed", gue_frame(cut_tcp),
                  SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner L4 past byte 512 of the decapsulated frame drops as malformed",
                  gue_frame(deep), SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner ICMP error quoting too little drops as malformed",
                  gue_frame(icmp_short_quote), SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        drop_case(
            "GUE inner packet for no service drops",
            gue_frame(Packet().ipv4(kClient4, ip("198.18.9.9")).tcp(kNoSocketPort, 80).build()),
            SHOAL_STAT_DROP_GUE_NOT_SERVICE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inner ICMP echo drops as not for a service",
                  gue_frame(Packet().ipv4(kClient4, vip(kLocalTcp4)).icmp(8, 0).build()),
                  SHOAL_STAT_DROP_GUE_NOT_SERVICE, SHOAL_STATS_ROW_NONE),
        drop_case("GUE inside GUE drops as not for a service",
                  gue_frame(Packet()
                                .ipv4(kPeer4, kSelf4)
                                .udp(kOuterSport, kGuePort)
                                .gue()
                                .ipv4(kClient4, vip(kLocalTcp4))
                                .tcp(kNoSocketPort, 80)
                                .build()),
                  SHOAL_STAT_DROP_GUE_NOT_SERVICE, SHOAL_STATS_ROW_NONE),
        pass_case("UDP to the GUE port of another address is not GUE",
                  Packet()
                      .eth(kIngressMac, kPeerMac)
                      .ipv4(kPeer4, ip("198.18.0.9"))
                      .udp(kOuterSport, kGuePort)
                      .gue()
                      .payload(local)
                      .build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("UDP to this server on another port is not GUE",
                  Packet()
                      .eth(kIngressMac, kPeerMac)
                      .ipv4(kPeer4, kSelf4)
                      .udp(kOuterSport, kGuePort + 1)
                      .gue()
                      .payload(local)
                      .build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("TCP to the GUE port of this server is not GUE",
                  Packet()
                      .eth(kIngressMac, kPeerMac)
                      .ipv4(kPeer4, kSelf4)
                      .tcp(kOuterSport, kGuePort)
                      .build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        tweaked(pass_case("GUE to this server's IPv6 address is not GUE when its IPv6 DIP is unset",
                          gue_frame(local6, {}, 6), SHOAL_STAT_PASS_NOT_SERVICE),
                [](World& w) { w.state.config.flags = SHOAL_SERVER_HAS_V4; }),
        pass_case("GUE with its outer UDP header cut short is unparsed",
                  Packet()
                      .eth(kIngressMac, kPeerMac)
                      .ipv4(kPeer4, kSelf4)
                      .ip_total_length(27)
                      .udp(kOuterSport, kGuePort)
                      .truncate(14 + 27)
                      .build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("GUE outer fragment passes as a fragment",
                  Packet()
                      .eth(kIngressMac, kPeerMac)
                      .ipv4(kPeer4, kSelf4)
                      .fragment(0, true)
                      .udp(kOuterSport, kGuePort)
                      .gue()
                      .payload(local)
                      .build(),
                  SHOAL_STAT_PASS_FRAGMENT),
    };
}

}  // namespace

std::vector<PacketCase> gue_cases() {
    return joined({decap_cases, return_ticket_cases, reject_cases, inner_cases});
}

}  // namespace shoal::cases
