// SPDX-License-Identifier: MIT
// §9: packets too big for the fabric once encapsulated: answered with ICMP from the VIP, or
// dropped and counted when an answer is not allowed.
#include <linux/bpf.h>

#include <algorithm>

#include "cases.h"
#include "gue_frames.h"

namespace shoal::cases {
namespace {

using test::Gue;
using test::ip;

constexpr std::size_t kIcmp4Quote = 576 - 28;   // RFC 792/1812: the answer within 576 bytes
constexpr std::size_t kIcmp6Quote = 1280 - 48;  // RFC 4443: within the minimum IPv6 MTU

// Every bucket of the service's table holds {first, second}.
std::function<void(World&)> buckets(Service s, std::uint16_t first, std::uint16_t second) {
    return [=](World& w) {
        for (auto& bucket : w.state.tables.at(s)) bucket = {first, second};
    };
}

// A TCP data segment of ip_len bytes from the client to the service, DF set for IPv4.
Packet segment(Packet p, std::size_t ip_len, bool v4) {
    const std::size_t headers = (v4 ? 20 : 40) + 20;
    if (v4) p.dont_fragment();
    return p.tcp(kNoSocketPort, 80).payload(Bytes(ip_len - headers, 0x61));
}

Bytes big4(Service s, std::size_t ip_len = kMtu) {
    return segment(from_client4(vip(s)), ip_len, true).build();
}

Bytes big6(Service s, std::size_t ip_len = kMtu) {
    return segment(from_client6(vip(s)), ip_len, false).build();
}

// The answer of §9 to `frame`, built from the document: back to the frame's source MAC, from
// the VIP to the client, quoting the packet's first bytes. l2: 14, or 18 with a tag.
Bytes answer(const Bytes& frame, std::uint32_t mtu, std::size_t l2 = 14) {
    Mac src, dst;
    std::copy_n(frame.begin(), 6, dst.bytes.begin());
    std::copy_n(frame.begin() + 6, 6, src.bytes.begin());
    const bool v4 = frame[l2] >> 4 == 4;
    IpAddr client{v4 ? 4 : 6, {}}, vip_addr{v4 ? 4 : 6, {}};
    std::copy_n(frame.begin() + static_cast<long>(l2 + (v4 ? 12 : 8)), v4 ? 4 : 16,
                client.bytes.begin());
    std::copy_n(frame.begin() + static_cast<long>(l2 + (v4 ? 16 : 24)), v4 ? 4 : 16,
                vip_addr.bytes.begin());
    const std::size_t ip_len =
        v4 ? (frame[l2 + 2] << 8 | frame[l2 + 3]) : 40 + (frame[l2 + 4] << 8 | frame[l2 + 5]);
    const std::size_t quote = std::min(ip_len, v4 ? kIcmp4Quote : kIcmp6Quote);
    const Bytes quoted(frame.begin() + static_cast<long>(l2),
                       frame.begin() + static_cast<long>(l2 + quote));
    Packet p;
    p.eth(src, dst);
    if (l2 == 18) {
        const std::uint16_t tci = static_cast<std::uint16_t>(frame[14] << 8 | frame[15]);
        p.vlan(tci & 0x0FFF, static_cast<std::uint8_t>(tci >> 13));
    }
    if (v4) {
        p.ipv4(vip_addr, client).dont_fragment().ttl(64);
        p.icmp_frag_needed(static_cast<std::uint16_t>(mtu), Packet().payload(quoted));
    } else {
        p.ipv6(vip_addr, client).ttl(64);
        p.icmp6_packet_too_big(mtu, Packet().payload(quoted));
    }
    return p.build();
}

std::vector<PacketCase> answered_cases() {
    const Bytes v4 = big4(kPeerTcp4);
    const Bytes v6 = big6(kPeerTcp6);
    const Bytes udp4 = from_client4(vip(kPeerUdp4))
                           .dont_fragment()
                           .udp(kUdpNoSocketPort, 443)
                           .payload(Bytes(kMtu - 28, 0x62))
                           .build();
    const Bytes tagged =
        segment(Packet().eth(kIngressMac, kRouterMac).vlan(100, 3).ipv4(kClient4, vip(kPeerTcp4)),
                kMtu, true)
            .build();
    const Bytes options =
        segment(from_client4(vip(kPeerTcp4)).ip_options({0x01, 0x01, 0x01, 0x01}), kMtu, true)
            .build();
    // Fits untagged (1460 + 36 <= 1500), not with the tag (1460 + 44 > 1500).
    const Bytes fits_untagged = big4(kPeerTcp4, 1460);
    const Bytes small_route6 = big6(kPeerTcp6, 1230);  // 1230 + 56 > 1280; quoted whole
    const Bytes small_route4 = big4(kPeerTcp4, 1250);  // 1250 + 36 > 1280
    const Bytes v4_in_v6 = big4(kV6OnlyTcp4, 1450);    // 1450 + 56 > 1500
    const Bytes over4 = big4(kPeerTcp4, kMtu - 36 + 1);
    const Bytes over6 = big6(kPeerTcp6, kMtu - 56 + 1);
    return {
        icmp_answer_case(
            "IPv4 DF packet too big for the fabric is answered with fragmentation needed, MTU "
            "1464",
            v4, kPeerTcp4, answer(v4, kMtu - 36)),
        icmp_answer_case("IPv6 packet too big for the fabric is answered with packet too big, "
                         "MTU 1444",
                         v6, kPeerTcp6, answer(v6, kMtu - 56)),
        icmp_answer_case("IPv4 DF packet one byte over the MTU once encapsulated is answered",
                         over4, kPeerTcp4, answer(over4, kMtu - 36)),
        icmp_answer_case("IPv6 packet one byte over the MTU once encapsulated is answered", over6,
                         kPeerTcp6, answer(over6, kMtu - 56)),
        icmp_answer_case("IPv4 DF UDP datagram too big is answered like TCP", udp4, kPeerUdp4,
                         answer(udp4, kMtu - 36)),
        icmp_answer_case("too-big packet with an 802.1Q tag is answered with the tag kept", tagged,
                         kPeerTcp4, answer(tagged, kMtu - 36, 18)),
        icmp_answer_case("too-big IPv4 packet with options is quoted from its header on", options,
                         kPeerTcp4, answer(options, kMtu - 36)),
        icmp_answer_case("IPv4 packet going in an IPv6 outer header reports MTU minus 56", v4_in_v6,
                         kV6OnlyTcp4, answer(v4_in_v6, kMtu - 56)),
        tweaked(icmp_answer_case("the reported MTU leaves room for the GUE tag", fits_untagged,
                                 kPeerTcp4, answer(fits_untagged, kMtu - 44)),
                gue_auth(SHOAL_GUE_AUTH_PERMISSIVE)),
        tweaked(
            icmp_answer_case("IPv6 packet smaller than the quote limit is quoted whole",
                             small_route6, kPeerTcp6, answer(small_route6, kSmallMtuRoute - 56)),
            buckets(kPeerTcp6, kSmallMtu, SHOAL_NO_SERVER)),
        tweaked(
            icmp_answer_case("the next-hop MTU is the route's MTU minus the encapsulation",
                             small_route4, kPeerTcp4, answer(small_route4, kSmallMtuRoute - 36)),
            buckets(kPeerTcp4, kSmallMtu, SHOAL_NO_SERVER)),
    };
}

std::vector<PacketCase> decap_cases() {
    const Bytes inner4 = segment(Packet().ipv4(kClient4, vip(kDrainTcp4)), kMtu, true).build();
    const Bytes inner6 = segment(Packet().ipv6(kClient6, vip(kDrainTcp6)), kMtu, false).build();
    PacketCase v4 = icmp_answer_case(
        "decapsulated packet too big for its next hop is answered back to the tunnelling server",
        gue_frame(inner4, Gue::hop(kPeer), 4, std::nullopt, &kV4Only4), kDrainTcp4, answer(decapsulated(inner4), kMtu - 36),
        true);
    PacketCase v6 = icmp_answer_case(
        "decapsulated IPv6 packet too big for its next hop is answered with packet too big",
        gue_frame(inner6, Gue::hop(kPeer), 6, std::nullopt, &kV6Only6), kDrainTcp6, answer(decapsulated(inner6), kMtu - 56),
        true);
    return {v4, v6};
}

std::vector<PacketCase> unanswered_cases() {
    const Bytes no_df =
        from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).payload(Bytes(kMtu - 40, 0x61)).build();
    // ICMP errors of kMtu bytes, quoting a server's segment.
    const Bytes icmp = Packet()
                           .eth(kIngressMac, kRouterMac)
                           .ipv4(kRouter4, vip(kPeerTcp4))
                           .dont_fragment()
                           .icmp_frag_needed(1400, Packet()
                                                       .ipv4(vip(kPeerTcp4), kClient4)
                                                       .dont_fragment()
                                                       .tcp(80, kNoSocketPort)
                                                       .payload(Bytes(kMtu - 68, 0x61)))
                           .build();
    const Bytes icmp6 = Packet()
                            .eth(kIngressMac, kRouterMac)
                            .ipv6(kRouter6, vip(kPeerTcp6))
                            .icmp6_packet_too_big(1280, Packet()
                                                            .ipv6(vip(kPeerTcp6), kClient6)
                                                            .tcp(80, kNoSocketPort)
                                                            .payload(Bytes(kMtu - 108, 0x61)))
                            .build();
    const auto from = [](const char* source) {
        return segment(Packet().eth(kIngressMac, kRouterMac).ipv4(ip(source), vip(kPeerTcp4)), kMtu,
                       true)
            .build();
    };
    const Bytes multicast6 =
        segment(Packet().eth(kIngressMac, kRouterMac).ipv6(ip("ff02::1"), vip(kPeerTcp6)), kMtu,
                false)
            .build();
    const Bytes loopback6 =
        segment(Packet().eth(kIngressMac, kRouterMac).ipv6(ip("::1"), vip(kPeerTcp6)), kMtu, false)
            .build();
    const auto limited = [](World& w) { w.state.config.icmp_too_big_burst = 0; };
    const auto no_rate = [](World& w) { w.state.config.icmp_too_big_rate = 0; };
    return {
        drop_case("IPv4 packet without DF too big is dropped as too big, not answered", no_df,
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp4),
        drop_case("ICMP error too big to forward is dropped, never answered with an ICMP error",
                  icmp, SHOAL_STAT_DROP_TOO_BIG, kPeerTcp4),
        drop_case("ICMPv6 error too big to forward is dropped, never answered", icmp6,
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp6),
        drop_case("too-big packet from a multicast source is not answered", from("224.1.2.3"),
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp4),
        drop_case("too-big packet from 0.0.0.0/8 is not answered", from("0.1.2.3"),
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp4),
        drop_case("too-big packet from a loopback source is not answered", from("127.0.0.1"),
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp4),
        drop_case("too-big packet from an IPv6 multicast source is not answered", multicast6,
                  SHOAL_STAT_DROP_TOO_BIG, kPeerTcp6),
        drop_case("too-big packet from ::1 is not answered", loopback6, SHOAL_STAT_DROP_TOO_BIG,
                  kPeerTcp6),
        tweaked(drop_case("an answer over the rate limit is dropped and counted", big4(kPeerTcp4),
                          SHOAL_STAT_DROP_ICMP_RATE_LIMITED, kPeerTcp4),
                limited),
        tweaked(drop_case("rate 0 answers nothing and counts every packet as rate-limited",
                          big6(kPeerTcp6), SHOAL_STAT_DROP_ICMP_RATE_LIMITED, kPeerTcp6),
                no_rate),
    };
}

}  // namespace

std::vector<PacketCase> too_big_cases() {
    std::vector<PacketCase> all;
    for (auto group : {answered_cases, decap_cases, unanswered_cases}) {
        auto cases = group();
        all.insert(all.end(), cases.begin(), cases.end());
    }
    return all;
}

}  // namespace shoal::cases
