// SPDX-License-Identifier: MIT
#include "model/checksum.h"

#include <netinet/in.h>

#include <catch2/catch.hpp>

#include "model/encap_checksum.h"
#include "model/parse.h"
#include "packet/packet.h"
#include "packet/verify.h"

using namespace shoal;
using test::Bytes;
using test::ip;
using test::Packet;

TEST_CASE("ones'-complement helpers fold carries and reproduce known checksums", "[checksum]") {
    CHECK(model::csum_fold(0x1FFFE) == 0xFFFF);
    CHECK(model::csum_fold(0x2DDF0) == 0xDDF2);  // RFC 1071 §3: 0x2ddf0 folds to 0xddf2
    const Bytes rfc1071 = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(model::csum_fold(model::csum_add(0, rfc1071)) == 0xDDF2);
    CHECK(model::csum_add(0, Bytes{0xAB}) == 0xAB00);
    const Bytes header = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                          0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
    CHECK(model::ipv4_header_checksum(header) == 0xB861);
}

namespace {

// The outer IPv4 or IPv6 + UDP + GUE headers and the inner packet, with the real-bytes checksum
// the independent verifier computes, and the model's offload formula for the same bytes.
struct Encapsulated {
    std::uint16_t by_formula;
    test::ChecksumVerdict real;
};

Encapsulated encapsulate(const Bytes& inner_ip, int outer_family) {
    Packet outer;
    if (outer_family == 4)
        outer.ipv4(ip("198.18.0.1"), ip("198.18.0.2")).dont_fragment();
    else
        outer.ipv6(ip("2001:db8::1"), ip("2001:db8::2")).flow_label(0x54321);
    const Bytes frame =
        outer.udp(0xC123, 6080).checksum(0).gue(test::Gue::hop(7)).payload(inner_ip).build();
    const std::size_t headers = (outer_family == 4 ? 20 : 40) + 16;
    model::IpHeader inner;
    const Bytes eth_inner = [&] {
        Bytes e(14, 0);
        e[12] = inner_ip[0] >> 4 == 4 ? 0x08 : 0x86;
        e[13] = inner_ip[0] >> 4 == 4 ? 0x00 : 0xDD;
        e.insert(e.end(), inner_ip.begin(), inner_ip.end());
        return e;
    }();
    const auto parsed = model::parse_ip(eth_inner, 14, eth_inner[12] << 8 | eth_inner[13], inner);
    REQUIRE((parsed == model::ParseResult::ok || parsed == model::ParseResult::fragment));
    const std::uint16_t sum =
        model::outer_udp_checksum(std::span(frame).first(headers), eth_inner, inner);
    Bytes with_sum = frame;
    with_sum[headers - 10] = static_cast<std::uint8_t>(sum >> 8);
    with_sum[headers - 9] = static_cast<std::uint8_t>(sum);
    return {sum, test::verify_l4_checksum(with_sum, 0).verdict};
}

}  // namespace

TEST_CASE("outer checksum by the offload formula equals the sum over the real bytes",
          "[checksum]") {
    const int outer_family = GENERATE(4, 6);
    const auto encap = [outer_family](const Bytes& inner) {
        return encapsulate(inner, outer_family);
    };
    const auto c4 = ip("198.18.2.1");
    const auto v4 = ip("198.18.1.1");
    const auto c6 = ip("2001:db8:2::1");
    const auto v6 = ip("2001:db8:1::1");
    for (std::size_t len : {0, 1, 2, 7, 100, 1001}) {
        const Bytes data(len, static_cast<std::uint8_t>(0x5A + len));
        DYNAMIC_SECTION("IPv" << outer_family << " outer, payload of " << len << " bytes") {
            CHECK(encap(Packet().ipv4(c4, v4).tcp(40000, 80).payload(data).build()).real ==
                  test::ChecksumVerdict::valid);
            CHECK(encap(Packet()
                            .ipv4(c4, v4)
                            .ip_options({1, 1, 1, 1})
                            .udp(5000, 53)
                            .payload(data)
                            .build())
                      .real == test::ChecksumVerdict::valid);
            CHECK(
                encap(Packet().ipv6(c6, v6).tcp(40000, 80).tos(0xFF).payload(data).build()).real ==
                test::ChecksumVerdict::valid);
            CHECK(encap(Packet().ipv6(c6, v6).udp(5000, 53).payload(data).build()).real ==
                  test::ChecksumVerdict::valid);
            CHECK(encap(Packet()
                            .ipv6(c6, v6)
                            .icmp6_packet_too_big(1280,
                                                  Packet().ipv6(v6, c6).tcp(80, 1).payload(data))
                            .build())
                      .real == test::ChecksumVerdict::valid);
            CHECK(encap(Packet()
                            .ipv4(c4, v4)
                            .icmp_frag_needed(1400, Packet().ipv4(v4, c4).tcp(80, 1).payload(data))
                            .build())
                      .real == test::ChecksumVerdict::valid);
        }
    }
}

TEST_CASE("outer checksum is 0 where the offload formula cannot know the inner sum", "[checksum]") {
    const int outer_family = GENERATE(4, 6);
    const auto encap = [outer_family](const Bytes& inner) {
        return encapsulate(inner, outer_family);
    };
    const Bytes no_udp_sum = Packet()
                                 .ipv4(ip("198.18.2.1"), ip("198.18.1.1"))
                                 .udp(5000, 53)
                                 .checksum(0)
                                 .payload("q")
                                 .build();
    CHECK(encap(no_udp_sum).by_formula == 0);
    const Bytes ext =
        Packet().ipv6(ip("2001:db8:2::1"), ip("2001:db8:1::1")).routing().tcp(1, 80).build();
    CHECK(encap(ext).by_formula == 0);
    const Bytes fragment = Packet()
                               .ipv4(ip("198.18.2.1"), ip("198.18.1.1"))
                               .fragment(0, true)
                               .udp(5000, 53)
                               .payload("first fragment")
                               .build();
    CHECK(encap(fragment).by_formula == 0);
}

TEST_CASE("outer checksum trusts the inner checksum instead of reading the payload", "[checksum]") {
    const int outer_family = GENERATE(4, 6);
    const auto encap = [outer_family](const Bytes& inner) {
        return encapsulate(inner, outer_family);
    };
    // A wrong inner TCP checksum makes the outer one wrong over the real bytes: the formula
    // assumed the inner one correct, as docs/dataplane.md §7 says.
    const Bytes bad_inner =
        Packet().ipv4(ip("198.18.2.1"), ip("198.18.1.1")).tcp(1, 80).checksum(0x1234).build();
    CHECK(encap(bad_inner).real == test::ChecksumVerdict::invalid);
}
