// SPDX-License-Identifier: MIT
// The encapsulation byte by byte, checked at fixed offsets rather than against the builder.
#include <linux/bpf.h>

#include <catch2/catch.hpp>

#include "model/decide.h"
#include "packet/dump.h"
#include "packet/verify.h"
#include "shoal_hash.h"
#include "world.h"

using namespace shoal;
using namespace shoal::cases;

namespace {

std::uint16_t be16(const Bytes& b, std::size_t off) {
    return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

std::uint32_t be32(const Bytes& b, std::size_t off) {
    return std::uint32_t{be16(b, off)} << 16 | be16(b, off + 2);
}

Bytes slice(const Bytes& b, std::size_t off, std::size_t len) {
    return Bytes(b.begin() + static_cast<long>(off), b.begin() + static_cast<long>(off + len));
}

Bytes bytes_of(const Mac& m) { return Bytes(m.bytes.begin(), m.bytes.end()); }
Bytes bytes_of(const IpAddr& a) { return Bytes(a.bytes.begin(), a.bytes.begin() + a.size()); }

}  // namespace

TEST_CASE("IPv4-in-IPv4 encapsulation with a VLAN tag, byte by byte", "[encap]") {
    const World w = base_world();
    // Client TCP to kTwoHopsTcp4: first hop peer, second hop server 3, so the hop list is [3].
    const Bytes in = Packet()
                         .eth(kIngressMac, kRouterMac)
                         .vlan(0x123, 5)
                         .ipv4(kClient4, vip(kTwoHopsTcp4))
                         .tos(0x2E)
                         .ttl(17)
                         .tcp(40000, 80)
                         .payload("hello")
                         .pad_to(90)
                         .build();
    const model::Decision d = model::decide(in, kIngressIfindex, w.state, w.fib, w.sockets);
    INFO(test::describe_frame(d.frame));
    REQUIRE(d.verdict == SHOAL_STAT_FORWARD_FIRST_HOP);
    CHECK(d.action == XDP_TX);
    CHECK(d.stats_row == kTwoHopsTcp4);
    CHECK(d.srv_target == kPeer);

    const std::size_t inner_len = 20 + 20 + 5;
    REQUIRE(d.frame.size() == 18 + 20 + 8 + 8 + inner_len);
    CHECK(d.srv_bytes == d.frame.size());
    CHECK(d.stats_bytes == 90);
    // Ethernet with the original tag.
    CHECK(slice(d.frame, 0, 6) == bytes_of(kPeerMac));
    CHECK(slice(d.frame, 6, 6) == bytes_of(kIngressMac));
    CHECK(be16(d.frame, 12) == 0x8100);
    CHECK(be16(d.frame, 14) == (5 << 13 | 0x123));
    CHECK(be16(d.frame, 16) == 0x0800);
    // Outer IPv4 at 18.
    CHECK(d.frame[18] == 0x45);
    CHECK(d.frame[19] == 0x2E);
    CHECK(be16(d.frame, 20) == 20 + 16 + inner_len);
    CHECK(be16(d.frame, 22) == 0);
    CHECK(be16(d.frame, 24) == 0x4000);
    CHECK(d.frame[26] == 64);
    CHECK(d.frame[27] == 17);
    CHECK(test::ipv4_header_checksum_valid(d.frame, 18));
    CHECK(slice(d.frame, 30, 4) == bytes_of(kSelf4));
    CHECK(slice(d.frame, 34, 4) == bytes_of(kPeer4));
    // UDP at 38.
    const std::uint64_t hash = expected_hash(w, {kClient4, vip(kTwoHopsTcp4), 40000, 80});
    CHECK(be16(d.frame, 38) == shoal_encap_sport(hash));
    CHECK(be16(d.frame, 38) >= 0xC000);
    CHECK(be16(d.frame, 40) == kGuePort);
    CHECK(be16(d.frame, 42) == 16 + inner_len);
    // §7: the UDP checksum by the offload formula, valid over the real bytes.
    const auto outer_check = test::verify_l4_checksum(d.frame, 18);
    INFO(outer_check.detail);
    CHECK(outer_check.verdict == test::ChecksumVerdict::valid);
    // GUE at 46.
    CHECK(slice(d.frame, 46, 8) == Bytes{0x01, 0x04, 0x00, 0x00, 0x53, 0x01, 0x00, kV4Only});
    // The inner packet, unchanged (TTL included), without the padding.
    CHECK(slice(d.frame, 54, inner_len) == slice(in, 18, inner_len));
}

TEST_CASE("IPv6 outer encapsulation, byte by byte, with a checksum valid over the real bytes",
          "[encap]") {
    const World w = base_world();
    const Bytes in = Packet()
                         .eth(kIngressMac, kRouterMac)
                         .ipv6(kClient6, vip(kV6OnlyTcp6))
                         .tos(0xA5)
                         .flow_label(0xFFFFF)
                         .tcp(40000, 80)
                         .payload("odd")
                         .build();
    const model::Decision d = model::decide(in, kIngressIfindex, w.state, w.fib, w.sockets);
    INFO(test::describe_frame(d.frame));
    REQUIRE(d.verdict == SHOAL_STAT_FORWARD_FIRST_HOP);
    CHECK(d.action == XDP_REDIRECT);
    CHECK(d.redirect_ifindex == kOtherIfindex);
    CHECK(d.srv_target == kV6Only);

    const std::size_t inner_len = 40 + 20 + 3;
    REQUIRE(d.frame.size() == 14 + 40 + 16 + inner_len);
    CHECK(slice(d.frame, 0, 6) == bytes_of(kV6OnlyMac));
    CHECK(slice(d.frame, 6, 6) == bytes_of(kOtherMac));
    CHECK(be16(d.frame, 12) == 0x86DD);
    const std::uint64_t hash = expected_hash(w, {kClient6, vip(kV6OnlyTcp6), 40000, 80});
    CHECK(be32(d.frame, 14) == (6u << 28 | 0xA5u << 20 | shoal_encap_flowlabel(hash)));
    CHECK(be16(d.frame, 18) == 16 + inner_len);
    CHECK(d.frame[20] == 17);
    CHECK(d.frame[21] == 64);
    CHECK(slice(d.frame, 22, 16) == bytes_of(kSelf6));
    CHECK(slice(d.frame, 38, 16) == bytes_of(kV6Only6));
    CHECK(be16(d.frame, 54) == shoal_encap_sport(hash));
    CHECK(be16(d.frame, 56) == kGuePort);
    CHECK(be16(d.frame, 58) == 16 + inner_len);
    CHECK(be16(d.frame, 60) != 0);
    CHECK(slice(d.frame, 62, 8) == Bytes{0x01, 41, 0x00, 0x00, 0x53, 0x00, 0xFF, 0xFF});
    CHECK(slice(d.frame, 70, inner_len) == slice(in, 14, inner_len));
    const auto check = test::verify_l4_checksum(d.frame, 14);
    INFO(check.detail);
    CHECK(check.verdict == test::ChecksumVerdict::valid);
}

TEST_CASE("an ICMP error and its flow's packets leave with the same outer source port", "[encap]") {
    const World w = base_world();
    const Bytes client = from_client4(vip(kPeerTcp4)).tcp(43210, 80).build();
    const Bytes icmp =
        Packet()
            .eth(kIngressMac, kRouterMac)
            .ipv4(kRouter4, vip(kPeerTcp4))
            .icmp_frag_needed(1400,
                              Packet().ipv4(vip(kPeerTcp4), kClient4).tcp(80, 43210).truncate(28))
            .build();
    const model::Decision a = model::decide(client, kIngressIfindex, w.state, w.fib, w.sockets);
    const model::Decision b = model::decide(icmp, kIngressIfindex, w.state, w.fib, w.sockets);
    REQUIRE(a.verdict == SHOAL_STAT_FORWARD_FIRST_HOP);
    REQUIRE(b.verdict == SHOAL_STAT_FORWARD_FIRST_HOP);
    CHECK(be16(a.frame, 34) == be16(b.frame, 34));
    // A different client port is (almost surely) a different hash; the port carries 14 bits.
    const Bytes other = from_client4(vip(kPeerTcp4)).tcp(43211, 80).build();
    const model::Decision c = model::decide(other, kIngressIfindex, w.state, w.fib, w.sockets);
    CHECK(be16(c.frame, 34) != be16(a.frame, 34));
}
