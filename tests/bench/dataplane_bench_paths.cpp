// SPDX-License-Identifier: MIT
#include "dataplane_bench_paths.h"

#include <linux/bpf.h>

namespace shoal::bench {
namespace {

using namespace cases;
using test::Packet;

// A data segment of an established flow: an ACK with a small request.
Packet data_ack(Packet p) {
    return p.tcp(kNoSocketPort, 80)
        .flags(test::tcp_flags::ACK | test::tcp_flags::PSH)
        .payload("GET /index.html HTTP/1.1\r\nHost: shoal.example\r\n\r\n");
}

Packet inner_ack(Service s) { return data_ack(Packet().ipv4(kClient4, vip(s))); }

// GUE from a fleet member; a hop list never names its sender, so [kPeer] comes from another.
test::Bytes gue_from_member(const test::IpAddr& from, const Packet& inner, test::Gue gue) {
    gue.proto = 4;
    return Packet()
        .eth(kIngressMac, kPeerMac)
        .ipv4(from, kSelf4)
        .udp(50123, kGuePort)
        .checksum(0)
        .gue(gue)
        .payload(inner.build())
        .build();
}

test::Bytes sealed(test::Bytes frame) {
    seal_gue(frame, kGueKey);
    return frame;
}

// A full-size segment (1500 bytes, DF) of an established flow: too big once encapsulated.
test::Bytes full_size(Packet p) {
    return p.dont_fragment()
        .tcp(kNoSocketPort, 80)
        .flags(test::tcp_flags::ACK)
        .payload(test::Bytes(kMtu - 40, 0x61))
        .build();
}

}  // namespace

std::vector<DataplanePath> dataplane_paths() {
    return {
        {"pass_nonservice", data_ack(from_client4(test::ip("198.18.9.9"))).build(), kIngressIfindex,
         XDP_PASS, SHOAL_STAT_PASS_NOT_SERVICE, SHOAL_STATS_ROW_NONE, false, std::nullopt, {}},
        {"local_v4", data_ack(from_client4(vip(kLocalTcp4))).build(), kIngressIfindex, XDP_PASS,
         SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, false, std::nullopt, {}},
        {"local_v6", data_ack(from_client6(vip(kLocalTcp6))).build(), kIngressIfindex, XDP_PASS,
         SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6, false, std::nullopt, {}},
        {"forward_v4", data_ack(from_client4(vip(kPeerTcp4))).build(), kIngressIfindex, XDP_TX,
         SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4, false, kPeer, {}},
        {"forward_v6", data_ack(from_client6(vip(kPeerTcp6))).build(), kIngressIfindex, XDP_TX,
         SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp6, false, kPeer, {}},
        {"decap_local", gue_from_member(kPeer4, inner_ack(kLocalTcp4), {}), kIngressIfindex,
         XDP_PASS, SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, true, std::nullopt, {}},
        // kDrainTcp4's flow from kNoSocketPort has no local socket: sent on to the next hop.
        {"decap_second_hop",
         gue_from_member(kV4Only4, inner_ack(kDrainTcp4), test::Gue::hop(kPeer)), kIngressIfindex,
         XDP_TX, SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4, true, kPeer, {}},
        // The quote's checksum is the largest part: 548 bytes summed.
        {"icmp_too_big_v4", full_size(from_client4(vip(kPeerTcp4))), kIngressIfindex, XDP_TX,
         SHOAL_STAT_ICMP_TOO_BIG_SENT, kPeerTcp4, false, std::nullopt, {}},
        {"decap_local_auth",
         sealed(gue_from_member(kPeer4, inner_ack(kLocalTcp4), test::Gue{}.tagged())),
         kIngressIfindex, XDP_PASS, SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4, true, std::nullopt,
         gue_auth(SHOAL_GUE_AUTH_ENFORCE)},
        {"forward_v4_auth", data_ack(from_client4(vip(kPeerTcp4))).build(), kIngressIfindex,
         XDP_TX, SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4, false, kPeer,
         gue_auth(SHOAL_GUE_AUTH_ENFORCE)},
    };
}

}  // namespace shoal::bench
