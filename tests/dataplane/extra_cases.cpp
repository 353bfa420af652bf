// SPDX-License-Identifier: MIT
#include "extra_cases.h"

#include <netinet/in.h>

namespace shoal::test {
namespace {

using namespace cases;
using test::tcp_flags::ACK;

// Every bucket of the service's table holds {first, second}.
std::function<void(World&)> buckets(Service s, std::uint16_t first, std::uint16_t second) {
    return [=](World& w) {
        for (auto& bucket : w.state.tables.at(s)) bucket = {first, second};
    };
}

Bytes tcp6_to(Service s, std::uint16_t client_port) {
    return from_client6(vip(s)).tcp(client_port, 80).payload("GET /").build();
}

Bytes udp_to(Service s, std::uint16_t client_port) {
    const IpAddr v = vip(s);
    Packet p = v.is_v4() ? from_client4(v) : from_client6(v);
    return p.udp(client_port, 53).payload("query").build();
}

Bytes gue6(const Bytes& inner, Gue gue = {}) {
    if (!gue.proto) gue.proto = inner[0] >> 4 == 4 ? 4 : 41;
    return Packet()
        .eth(kIngressMac, kPeerMac)
        .ipv6(kPeer6, kSelf6)
        .udp(50123, kGuePort)
        .gue(gue)
        .payload(inner)
        .build();
}

// from: the sender; a hop list never names it (invariant 2).
Bytes gue4(const Bytes& inner, Gue gue = {}, const IpAddr& from = kPeer4) {
    if (!gue.proto) gue.proto = inner[0] >> 4 == 4 ? 4 : 41;
    return Packet()
        .eth(kIngressMac, kPeerMac)
        .ipv4(from, kSelf4)
        .udp(50123, kGuePort)
        .checksum(0)
        .gue(gue)
        .payload(inner)
        .build();
}

Bytes inner6(Service s, std::uint16_t client_port) {
    return Packet().ipv6(kClient6, vip(s)).tcp(client_port, 80).flags(ACK).payload("data").build();
}

std::vector<PacketCase> ipv6_drop_cases() {
    Gue bad_version;
    bad_version.ver_c_hlen = 0x41;
    const Bytes cut = Packet()
                          .ipv6(kClient6, vip(kLocalTcp6))
                          .ipv6_payload_length(19)
                          .tcp(kNoSocketPort, 80)
                          .truncate(59)
                          .build();
    return {
        tweaked(
            drop_case("IPv6 route without a resolved neighbour drops as FIB no neighbour",
                      tcp6_to(kPeerTcp6, kNoSocketPort), SHOAL_STAT_DROP_FIB_NO_NEIGH, kPeerTcp6),
            buckets(kPeerTcp6, kNoNeigh, SHOAL_NO_SERVER)),
        tweaked(drop_case("IPv6 without a route to the server drops as FIB failed",
                          tcp6_to(kPeerTcp6, kNoSocketPort), SHOAL_STAT_DROP_FIB_FAILED, kPeerTcp6),
                buckets(kPeerTcp6, kNoRoute, SHOAL_NO_SERVER)),
        tweaked(drop_case("IPv6 bucket naming an unused server slot drops as no server",
                          tcp6_to(kPeerTcp6, kNoSocketPort), SHOAL_STAT_DROP_NO_SERVER, kPeerTcp6),
                buckets(kPeerTcp6, kUnused, SHOAL_NO_SERVER)),
        tweaked(drop_case("IPv6 service whose slot has no table drops as no table",
                          tcp6_to(kPeerTcp6, kNoSocketPort), SHOAL_STAT_DROP_NO_TABLE, kPeerTcp6),
                [](World& w) {
                    for (auto& [key, service] : w.state.services)
                        if (service.service_id == kPeerTcp6) service.table_slot = kNoTableSlot;
                }),
        drop_case("GUE over IPv6 with version 1 drops as bad GUE",
                  gue6(inner6(kLocalTcp6, kNoSocketPort), bad_version), SHOAL_STAT_DROP_BAD_GUE,
                  SHOAL_STATS_ROW_NONE),
        drop_case("GUE over IPv6 carrying a cut IPv6 TCP header drops as malformed", gue6(cut),
                  SHOAL_STAT_DROP_MALFORMED, SHOAL_STATS_ROW_NONE),
        drop_case("GUE over IPv6 carrying IPv6 for no service drops",
                  gue6(Packet().ipv6(kClient6, ip("2001:db8:9::9")).tcp(kNoSocketPort, 80).build()),
                  SHOAL_STAT_DROP_GUE_NOT_SERVICE, SHOAL_STATS_ROW_NONE),
        decap_counted(drop_case("GUE over IPv6 naming an unused next hop drops as no server, "
                                "counting DECAP",
                                gue6(inner6(kDrainTcp6, kNoSocketPort), Gue::hop(kUnused)),
                                SHOAL_STAT_DROP_NO_SERVER, kDrainTcp6)),
    };
}

std::vector<PacketCase> ownership_cases() {
    const Bytes udp_no_socket = udp_to(kDrainUdp4, kUdpNoSocketPort);
    const std::uint64_t hash =
        expected_hash(base_world(), {kClient4, vip(kDrainUdp4), kUdpNoSocketPort, 53, IPPROTO_UDP});
    const Bytes too_big_inner = Packet()
                                    .ipv4(kClient4, vip(kDrainTcp4))
                                    .tcp(kNoSocketPort, 80)
                                    .payload(Bytes(kMtu - 36 - 40 + 1, 0x61))
                                    .build();
    const Bytes icmp6 = Packet()
                            .eth(kIngressMac, kRouterMac)
                            .ipv6(kRouter6, vip(kDrainTcp6))
                            .icmp6_packet_too_big(1280, Packet()
                                                            .ipv6(vip(kDrainTcp6), kClient6)
                                                            .tcp(80, kEstablishedPort)
                                                            .payload(Bytes(64, 1))
                                                            .truncate(48))
                            .build();
    return {
        tweaked(keep_case("second hop keeps a UDP flow its connected socket owns",
                          udp_to(kDrainUdp4, kUdpConnectedPort), SHOAL_STAT_KEEP_SECOND_HOP_OWNED,
                          kDrainUdp4),
                buckets(kDrainUdp4, kPeer, kSelf)),
        tweaked(keep_case("IPv6 second hop keeps a UDP flow its connected socket owns",
                          udp_to(kDrainUdp6, kUdpConnectedPort), SHOAL_STAT_KEEP_SECOND_HOP_OWNED,
                          kDrainUdp6),
                buckets(kDrainUdp6, kPeer, kSelf)),
        tweaked(forward_case("second hop's unconnected UDP socket on the VIP does not keep a flow: "
                             "the first hop gets it with an empty hop list",
                             udp_no_socket, SHOAL_STAT_FORWARD_FIRST_HOP, kDrainUdp4,
                             {kPeer, 4, std::nullopt, hash, ip_packet(udp_no_socket)}),
                buckets(kDrainUdp4, kPeer, kSelf)),
        keep_case("IPv6 packet-too-big of an established flow is kept by its socket", icmp6,
                  SHOAL_STAT_KEEP_SOCKET, kDrainTcp6),
        decap_counted(drop_case("GUE sent on to the next hop over the MTU drops as too big, "
                                "counting DECAP",
                                gue4(too_big_inner, Gue::hop(kPeer), kV4Only4),
                                SHOAL_STAT_DROP_TOO_BIG, kDrainTcp4)),
    };
}

}  // namespace

std::vector<PacketCase> extra_packet_cases() {
    std::vector<PacketCase> all = ipv6_drop_cases();
    for (PacketCase& c : ownership_cases()) all.push_back(std::move(c));
    return all;
}

}  // namespace shoal::test
