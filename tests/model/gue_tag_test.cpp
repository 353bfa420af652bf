// SPDX-License-Identifier: MIT
// SipHash-2-4 against the reference vectors, and the GUE tag of docs/dataplane.md §8 as the
// model computes it against the tag computed from the frame's bytes (gue_seal.h).
#include <catch2/catch.hpp>
#include <cstring>

#include "cases.h"
#include "model/decap.h"
#include "model/gue_auth.h"
#include "model/parse.h"
#include "shoal_gue_tag.h"

using namespace shoal;
using namespace shoal::cases;

namespace {

// The SipHash reference implementation's test vectors (vectors_sip64): key 00 01 .. 0f,
// message 00 01 .. n-1, for every n that is a whole number of words.
constexpr std::uint64_t kVectors[8] = {
    0x726fdb47dd0e0e31ULL, 0x93f5f5799a932462ULL, 0x3f2acc7f57c29bdbULL, 0xb8ad50c6f649af94ULL,
    0x7127512f72f27cceULL, 0x0e3ea96b5304a7d0ULL, 0xe612a3cb9ecba951ULL, 0xb78dbfaf3a8d83bdULL,
};

}  // namespace

TEST_CASE("SipHash-2-4 gives the reference vectors for messages of 0 to 7 words", "[hash][tag]") {
    const __u64 key[2] = {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
    std::uint8_t bytes[56];
    for (int i = 0; i < 56; ++i) bytes[i] = static_cast<std::uint8_t>(i);
    __u64 words[7];
    std::memcpy(words, bytes, sizeof(words));  // little-endian loads, as the reference reads
    for (__u32 n = 0; n < 8; ++n) {
        INFO(n * 8 << " bytes");
        CHECK(shoal_siphash24(key, words, n) == kVectors[n]);
    }
}

TEST_CASE("the streaming SipHash-2-4 equals the one-shot one", "[hash][tag]") {
    const __u64 key[2] = {0x0123456789abcdefULL, 0xfedcba9876543210ULL};
    const __u64 words[3] = {1, 2, 3};
    shoal_sip24 s;
    shoal_sip24_init(&s, key);
    for (const __u64 w : words) shoal_sip24_absorb(&s, w);
    CHECK(shoal_sip24_final(&s) == shoal_siphash24(key, words, 3));
}

TEST_CASE("the model's tag equals the tag computed from the frame for every family pair", "[tag]") {
    for (const int outer : {4, 6}) {
        for (const bool inner_v4 : {true, false}) {
            DYNAMIC_SECTION("outer IPv" << outer << ", inner IPv" << (inner_v4 ? 4 : 6)) {
                Packet inner = inner_v4 ? Packet().ipv4(kClient4, vip(kLocalTcp4))
                                        : Packet().ipv6(kClient6, vip(kLocalTcp6));
                const Bytes in = inner.udp(4321, 53).payload("q").build();
                Packet p;
                p.eth(kIngressMac, kPeerMac);
                if (outer == 4)
                    p.ipv4(kPeer4, kSelf4);
                else
                    p.ipv6(kPeer6, kSelf6);
                test::Gue g = test::Gue::hop(kPeer).tagged();
                g.proto = inner_v4 ? 4 : 41;
                const Bytes frame = p.udp(50000, kGuePort).gue(g).payload(in).build();

                model::L2Header l2;
                model::IpHeader outer_ip, inner_ip;
                REQUIRE(model::parse_l2(frame, l2) == model::ParseResult::ok);
                REQUIRE(model::parse_ip(frame, l2.len, l2.ethertype, outer_ip) ==
                        model::ParseResult::ok);
                const std::size_t gue = outer_ip.l4_offset() + 8;
                REQUIRE(model::parse_ip(frame, gue + 16, inner_v4 ? 0x0800 : 0x86DD, inner_ip) ==
                        model::ParseResult::ok);
                const __u64 key[2] = {kGueKey[0], kGueKey[1]};
                const std::uint64_t tag =
                    model::gue_tag(key, std::span(frame).subspan(gue, 8), outer_ip.src,
                                   outer_ip.dst, outer_ip.family, frame, inner_ip);
                CHECK(tag == gue_tag_of(frame, kGueKey));
                CHECK(tag != gue_tag_of(frame, kGueNextKey));
            }
        }
    }
}

TEST_CASE("tags differ when a covered field differs and not when an uncovered one does", "[tag]") {
    const auto frame = [](std::uint16_t next_hop, std::uint16_t sport, std::uint8_t ttl) {
        test::Gue g = test::Gue::hop(next_hop).tagged();
        g.proto = 4;
        return Packet()
            .eth(kIngressMac, kPeerMac)
            .ipv4(kPeer4, kSelf4)
            .ttl(ttl)
            .udp(50000, kGuePort)
            .gue(g)
            .payload(Packet().ipv4(kClient4, vip(kLocalTcp4)).tcp(sport, 80).build())
            .build();
    };
    const std::uint64_t base = gue_tag_of(frame(kPeer, 1000, 64), kGueKey);
    CHECK(gue_tag_of(frame(kV4Only, 1000, 64), kGueKey) != base);  // the hop list
    CHECK(gue_tag_of(frame(kPeer, 1001, 64), kGueKey) != base);    // an inner port
    CHECK(gue_tag_of(frame(kPeer, 1000, 3), kGueKey) == base);     // the outer TTL is not covered
}
