// SPDX-License-Identifier: MIT
// Fragments (§1.4), RFC 6040 at decapsulation (§2 step 6) and the interfaces XDP_REDIRECT may
// use (§6 step 8, shoal_tx_ports).
#include "cases.h"

namespace shoal::cases {
namespace {

using test::Gue;
using test::ip;
using test::tcp_flags::ACK;

std::function<void(World&)> buckets(Service s, std::uint16_t first, std::uint16_t second) {
    return [=](World& w) {
        for (auto& bucket : w.state.tables.at(s)) bucket = {first, second};
    };
}

// A fragment of a datagram the client sends to the VIP of s: the first (with its L4 header,
// MF set) or a later one (an offset, no L4 header). Bare IP, to frame or to carry in GUE.
Bytes fragment(Service s, std::uint8_t proto, bool first) {
    Packet p = client_to_vip(s);
    if (vip(s).is_v4())
        p.fragment(first ? 0 : 100, first);
    else
        p.ipv6_fragment(first ? 0 : 100, first, 7);
    if (!first) return p.ip_proto(proto).payload(Bytes(24, 7)).build();
    if (proto == 6) return p.tcp(41000, 80).flags(ACK).payload(Bytes(32, 5)).build();
    return p.udp(41000, 53).payload(Bytes(32, 5)).build();
}

// The encapsulation of a fragment of s to target: source-address hash, no hop list, and the
// outer UDP checksum 0 (a fragment is not a whole L4 segment, §7).
EncapSpec fragment_encap(Service s, std::uint16_t target, const Bytes& inner) {
    const IpAddr v = vip(s);
    const IpAddr& client = v.is_v4() ? kClient4 : kClient6;
    EncapSpec spec{target, v.is_v4() ? 4 : 6, std::nullopt,
                   expected_hash(base_world(), {client, v, 0, 0, 6, true}), inner};
    spec.zero_udp_checksum = true;
    return spec;
}

std::vector<PacketCase> fragment_cases() {
    const Bytes first4 = fragment(kSourceHashTcp4, 6, true);
    const Bytes later4 = fragment(kSourceHashTcp4, 6, false);
    const Bytes first6 = fragment(kSourceHashUdp6, 17, true);
    const Bytes later6 = fragment(kSourceHashUdp6, 17, false);
    const Bytes second = fragment(kSourceHashSecondTcp4, 6, false);
    const Bytes elsewhere = Packet()
                                .ipv4(kClient4, ip("198.18.9.9"))
                                .fragment(100, false)
                                .ip_proto(6)
                                .payload(Bytes(8, 1))
                                .build();
    return {
        forward_case("IPv4 first fragment of a source-hash service goes to its bucket's first hop "
                     "without a hop list",
                     framed(first4), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashTcp4,
                     fragment_encap(kSourceHashTcp4, kPeer, first4)),
        forward_case("IPv4 later fragment of a source-hash service goes to the same first hop",
                     framed(later4), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashTcp4,
                     fragment_encap(kSourceHashTcp4, kPeer, later4)),
        forward_case("IPv6 first fragment of a source-hash service goes to its first hop",
                     framed(first6), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashUdp6,
                     fragment_encap(kSourceHashUdp6, kPeer, first6)),
        forward_case("IPv6 later fragment of a source-hash service goes to the same first hop",
                     framed(later6), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashUdp6,
                     fragment_encap(kSourceHashUdp6, kPeer, later6)),
        keep_case("fragment of a source-hash service whose first hop is this server is kept",
                  framed(fragment(kSourceHashLocalUdp4, 17, false)), SHOAL_STAT_KEEP_FRAGMENT,
                  kSourceHashLocalUdp4),
        forward_case("fragment at its bucket's second hop goes to the first hop without a hop "
                     "list",
                     framed(second), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashSecondTcp4,
                     fragment_encap(kSourceHashSecondTcp4, kPeer, second)),
        tweaked(forward_case("fragment of a bucket with a second hop carries no hop list",
                             framed(later4), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashTcp4,
                             fragment_encap(kSourceHashTcp4, kPeer, later4)),
                buckets(kSourceHashTcp4, kPeer, kV4Only)),
        drop_case("IPv4 fragment of a 4-tuple service with fragments drop is dropped",
                  framed(fragment(kLocalUdp4, 17, true)), SHOAL_STAT_DROP_FRAGMENT, kLocalUdp4),
        drop_case("IPv6 later fragment of a 4-tuple service with fragments drop is dropped",
                  framed(fragment(kLocalUdp6, 17, false)), SHOAL_STAT_DROP_FRAGMENT, kLocalUdp6),
        keep_case("GUE inner fragment of a source-hash service is kept, counting DECAP",
                  gue_from(kPeer4, later4), SHOAL_STAT_KEEP_FRAGMENT, kSourceHashTcp4,
                  decapsulated_frame(later4), true),
        keep_case("GUE inner fragment of a source-hash service with a hop list is kept too",
                  gue_from(kV6Only6, first6, Gue::hop(kPeer)), SHOAL_STAT_KEEP_FRAGMENT,
                  kSourceHashUdp6, decapsulated_frame(first6), true),
        decap_counted(drop_case("GUE inner fragment of a 4-tuple service with fragments drop is "
                                "dropped, counting DECAP",
                                gue_from(kPeer4, fragment(kLocalUdp4, 17, false)),
                                SHOAL_STAT_DROP_FRAGMENT, kLocalUdp4)),
        drop_case("GUE inner fragment for no service drops as not for a service",
                  gue_from(kPeer4, elsewhere), SHOAL_STAT_DROP_GUE_NOT_SERVICE,
                  SHOAL_STATS_ROW_NONE),
    };
}

Bytes inner_tos(Service s, std::uint8_t tos) {
    return client_to_vip(s).tos(tos).tcp(kNoSocketPort, 80).flags(ACK).payload("data").build();
}

// GUE from the peer with outer ECN bits `outer`, carrying an inner packet to s with TOS `before`,
// kept at the last hop with TOS `after`.
PacketCase ecn_kept(std::string name, Service s, std::uint8_t outer, std::uint8_t before,
                    std::uint8_t after) {
    const bool v4 = vip(s).is_v4();
    return keep_case(std::move(name),
                     gue_from(v4 ? kPeer4 : kPeer6, inner_tos(s, before), {}, outer),
                     SHOAL_STAT_KEEP_LAST_HOP, s, decapsulated_frame(inner_tos(s, after)), true);
}

std::vector<PacketCase> ecn_cases() {
    const Bytes marked = inner_tos(kDrainTcp4, 0x03);
    const std::uint64_t hash =
        expected_hash(base_world(), {kClient4, vip(kDrainTcp4), kNoSocketPort, 80});
    return {
        ecn_kept("GUE outer CE sets CE on an ECT(0) inner IPv4 packet and fixes its checksum",
                 kLocalTcp4, 0x03, 0xB8 | 0x02, 0xB8 | 0x03),
        ecn_kept("GUE outer CE sets CE on an ECT(1) inner IPv6 packet", kLocalTcp6, 0x03, 0x29,
                 0x2B),
        ecn_kept("GUE outer CE over a CE inner packet leaves it as it is", kLocalTcp4, 0x03, 0x03,
                 0x03),
        ecn_kept("GUE outer ECT(1) over an ECT(0) inner packet marks it ECT(1)", kLocalTcp4, 0x01,
                 0x02, 0x01),
        ecn_kept("GUE outer Not-ECT over an ECT(0) inner packet leaves it as it is", kLocalTcp4,
                 0x00, 0x02, 0x02),
        ecn_kept("GUE outer ECT(0) over a Not-ECT inner packet leaves it as it is", kLocalTcp6,
                 0x02, 0x00, 0x00),
        decap_counted(drop_case("GUE outer CE over a Not-ECT inner packet drops, counting DECAP",
                                gue_from(kPeer4, inner_tos(kLocalTcp4, 0x00), {}, 0x03),
                                SHOAL_STAT_DROP_CE_NOT_ECT, kLocalTcp4)),
        decap_counted(drop_case("GUE over IPv6 outer CE over a Not-ECT inner packet drops",
                                gue_from(kPeer6, inner_tos(kLocalTcp6, 0x00), {}, 0x03),
                                SHOAL_STAT_DROP_CE_NOT_ECT, kLocalTcp6)),
        forward_case("GUE outer CE: the inner packet goes on to the next hop marked CE",
                     gue_from(kV4Only4, inner_tos(kDrainTcp4, 0x02), Gue::hop(kPeer), 0x03),
                     SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                     {kPeer, 4, std::nullopt, hash, marked}, true),
    };
}

std::vector<PacketCase> tx_port_cases() {
    const Bytes to_other =
        from_client6(vip(kV4OnlyTcp6)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes to_ingress = from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).build();
    return {
        drop_case("encapsulation to a server behind an interface the agent did not attach to "
                  "drops as no tx port",
                  from_client4(vip(kFarTcp4)).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_DROP_NO_TX_PORT, kFarTcp4),
        tweaked(drop_case("encapsulation out of an interface taken out of shoal_tx_ports drops as "
                          "no tx port",
                          to_other, SHOAL_STAT_DROP_NO_TX_PORT, kV4OnlyTcp6),
                [](World& w) { w.state.tx_ports = {kIngressIfindex}; }),
        tweaked(forward_case(
                    "XDP_TX back out of the ingress interface needs no tx port", to_ingress,
                    SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                    {kPeer, 4, std::nullopt,
                     expected_hash(base_world(), {kClient4, vip(kPeerTcp4), kNoSocketPort, 80}),
                     ip_packet(to_ingress)}),
                [](World& w) { w.state.tx_ports.clear(); }),
    };
}

}  // namespace

std::vector<PacketCase> fragment_ecn_cases() {
    return joined({fragment_cases, ecn_cases, tx_port_cases});
}

}  // namespace shoal::cases
