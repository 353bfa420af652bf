// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <stdexcept>

#include "packet/dump.h"
#include "packet/packet.h"
#include "packet/verify.h"

using namespace shoal::test;

namespace {

const Mac kDst = mac("02:00:00:00:00:02");
const Mac kSrc = mac("02:00:00:00:00:01");
const IpAddr kClient4 = ip("198.18.2.1");
const IpAddr kVip4 = ip("198.18.1.1");
const IpAddr kClient6 = ip("2001:db8:2::1");
const IpAddr kVip6 = ip("2001:db8:1::1");

std::uint16_t be16(const Bytes& b, std::size_t off) {
    return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

}  // namespace

TEST_CASE("IPv4 TCP frame gets EtherType, protocol, lengths and valid checksums", "[packet]") {
    const Bytes f =
        Packet().eth(kDst, kSrc).ipv4(kClient4, kVip4).tcp(40000, 80).payload("hi").build();
    REQUIRE(f.size() == 14 + 20 + 20 + 2);
    CHECK(Bytes(f.begin(), f.begin() + 6) == Bytes(kDst.bytes.begin(), kDst.bytes.end()));
    CHECK(be16(f, 12) == 0x0800);
    CHECK(f[14] == 0x45);
    CHECK(be16(f, 16) == 42);
    CHECK(f[14 + 8] == 64);
    CHECK(f[14 + 9] == 6);
    CHECK(be16(f, 34) == 40000);
    CHECK(be16(f, 36) == 80);
    CHECK(f[34 + 12] == 0x50);
    CHECK(f[34 + 13] == tcp_flags::ACK);
    CHECK(ipv4_header_checksum_valid(f, 14));
    CHECK(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::valid);
}

TEST_CASE("IPv4 header checksum matches the published example 0xb861", "[packet]") {
    // The header from Wikipedia's "Internet checksum" article.
    const Bytes h = Packet()
                        .ipv4(ip("192.168.0.1"), ip("192.168.0.199"))
                        .dont_fragment()
                        .ip_proto(17)
                        .ip_total_length(0x73)
                        .build();
    const Bytes expected = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                            0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
    CHECK(h == expected);
}

TEST_CASE("VLAN tag carries vid and pcp and chains the EtherType", "[packet]") {
    const Bytes f =
        Packet().eth(kDst, kSrc).vlan(100, 5).ipv6(kClient6, kVip6).udp(5000, 53).build();
    CHECK(be16(f, 12) == 0x8100);
    CHECK(be16(f, 14) == (5 << 13 | 100));
    CHECK(be16(f, 16) == 0x86DD);
    CHECK(find_ip_header(f) == 18u);
    CHECK(verify_l4_checksum(f, 18).verdict == ChecksumVerdict::valid);
}

TEST_CASE("UDP checksums are valid for IPv4 and IPv6 and an explicit 0 reads as absent",
          "[packet]") {
    const Bytes v4 =
        Packet().eth(kDst, kSrc).ipv4(kClient4, kVip4).udp(5000, 53).payload("q").build();
    const Bytes v6 =
        Packet().eth(kDst, kSrc).ipv6(kClient6, kVip6).udp(5000, 53).payload("q").build();
    CHECK(be16(v4, 34 + 4) == 9);
    CHECK(be16(v6, 54 + 4) == 9);
    CHECK(verify_l4_checksum(v4, 14).verdict == ChecksumVerdict::valid);
    CHECK(verify_l4_checksum(v6, 14).verdict == ChecksumVerdict::valid);
    const Bytes zero =
        Packet().eth(kDst, kSrc).ipv4(kClient4, kVip4).udp(5000, 53).checksum(0).build();
    CHECK(be16(zero, 34 + 6) == 0);
    CHECK(verify_l4_checksum(zero, 14).verdict == ChecksumVerdict::absent);
}

TEST_CASE("IPv6 extension headers chain next headers and count in the payload length", "[packet]") {
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .ipv6(kClient6, kVip6)
                        .hop_by_hop()
                        .routing(1)
                        .destination_options()
                        .tcp(40000, 80)
                        .build();
    CHECK(f[14 + 6] == 0);  // -> hop-by-hop
    CHECK(f[54] == 43);     // hop-by-hop -> routing
    CHECK(f[55] == 0);
    CHECK(f[62] == 60);  // routing (16 bytes) -> destination options
    CHECK(f[63] == 1);
    CHECK(f[78] == 6);  // destination options -> TCP
    CHECK(be16(f, 18) == 8 + 16 + 8 + 20);
    CHECK(be16(f, 86) == 40000);
    CHECK(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::valid);
}

TEST_CASE("IPv6 fragment header carries offset, M flag and id", "[packet]") {
    const Bytes f =
        Packet().eth(kDst, kSrc).ipv6(kClient6, kVip6).ipv6_fragment(3, true, 7).udp(1, 2).build();
    CHECK(f[20] == 44);
    CHECK(f[54] == 17);
    CHECK(be16(f, 56) == (3 << 3 | 1));
    CHECK(be16(f, 60) == 7);
}

TEST_CASE("extension header length lie changes only the length byte", "[packet]") {
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .ipv6(kClient6, kVip6)
                        .hop_by_hop()
                        .ext_header_length(9)
                        .tcp(1, 2)
                        .build();
    CHECK(f[55] == 9);
    CHECK(f.size() == 14 + 40 + 8 + 20);
}

TEST_CASE("IPv4 options set IHL, and fragments and lies land in their fields", "[packet]") {
    const Bytes opt = Packet()
                          .eth(kDst, kSrc)
                          .ipv4(kClient4, kVip4)
                          .ip_options({0x01, 0x01, 0x01})
                          .tcp(1, 2)
                          .build();
    CHECK(opt[14] == 0x46);
    CHECK(be16(opt, 16) == 24 + 20);
    CHECK(ipv4_header_checksum_valid(opt, 14));
    CHECK(verify_l4_checksum(opt, 14).verdict == ChecksumVerdict::valid);

    const Bytes frag =
        Packet().eth(kDst, kSrc).ipv4(kClient4, kVip4).fragment(185, true).udp(1, 2).build();
    CHECK(be16(frag, 20) == (0x2000 | 185));

    const Bytes lies = Packet()
                           .eth(kDst, kSrc)
                           .ipv4(kClient4, kVip4)
                           .ip_version(6)
                           .ihl(4)
                           .ip_total_length(999)
                           .ip_checksum(0xBEEF)
                           .ttl(3)
                           .tos(0xB8)
                           .ip_id(77)
                           .tcp(1, 2)
                           .build();
    CHECK(lies[14] == 0x64);
    CHECK(lies[15] == 0xB8);
    CHECK(be16(lies, 16) == 999);
    CHECK(be16(lies, 18) == 77);
    CHECK(lies[22] == 3);
    CHECK(be16(lies, 24) == 0xBEEF);
}

TEST_CASE("IPv6 traffic class, flow label and hop limit land in the first word", "[packet]") {
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .ipv6(kClient6, kVip6)
                        .tos(0x28)
                        .flow_label(0xABCDE)
                        .ttl(7)
                        .udp(1, 2)
                        .build();
    CHECK(be16(f, 14) == (0x6000 | 0x28 << 4 | 0xA));
    CHECK(be16(f, 16) == 0xBCDE);
    CHECK(f[21] == 7);
}

TEST_CASE("TCP flags, numbers, options and data offset are settable", "[packet]") {
    const Bytes f = Packet()
                        .ipv4(kClient4, kVip4)
                        .tcp(1, 2)
                        .flags(tcp_flags::SYN | tcp_flags::ACK)
                        .seq(100)
                        .ack_number(200)
                        .window(512)
                        .tcp_options({2, 4, 0x05, 0xb4})
                        .build();
    CHECK(f.size() == 20 + 24);
    CHECK(be16(f, 24) == 0);
    CHECK(be16(f, 26) == 100);
    CHECK(be16(f, 30) == 200);
    CHECK(f[32] == 0x60);
    CHECK(f[33] == (tcp_flags::SYN | tcp_flags::ACK));
    CHECK(be16(f, 34) == 512);
    CHECK(verify_l4_checksum(f, 0).verdict == ChecksumVerdict::valid);
    const Bytes doff = Packet().ipv4(kClient4, kVip4).tcp(1, 2).data_offset(4).build();
    CHECK(doff[32] == 0x40);
}

TEST_CASE("truncate, pad_to and trailer shape the whole frame", "[packet]") {
    const Packet p = Packet().eth(kDst, kSrc).ipv4(kClient4, kVip4).tcp(1, 2);
    CHECK(Packet(p).truncate(30).build().size() == 30);
    const Bytes padded = Packet(p).pad_to(60).build();
    REQUIRE(padded.size() == 60);
    CHECK(be16(padded, 16) == 40);  // the IP length ignores the padding
    const Bytes trailer = Packet(p).trailer({0xAA, 0xBB}).build();
    CHECK(trailer.size() == 56);
    CHECK(trailer[55] == 0xBB);
}

TEST_CASE("ICMP frag-needed quotes the inner packet and has a valid checksum", "[packet]") {
    const Packet quoted =
        Packet().ipv4(kVip4, kClient4).tcp(80, 40000).payload(Bytes(100, 0x55)).truncate(28);
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .ipv4(ip("198.18.3.1"), kVip4)
                        .icmp_frag_needed(1400, quoted)
                        .build();
    CHECK(f[23] == 1);
    CHECK(f[34] == 3);
    CHECK(f[35] == 4);
    CHECK(be16(f, 40) == 1400);
    CHECK(Bytes(f.begin() + 42, f.end()) == quoted.build());
    CHECK(be16(f, 42 + 2) == 20 + 20 + 100);  // the quoted length is the original one
    CHECK(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::valid);
}

TEST_CASE("ICMPv6 packet-too-big carries the MTU and a pseudo-header checksum", "[packet]") {
    const Packet quoted = Packet().ipv6(kVip6, kClient6).udp(53, 5000).payload("abc");
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .ipv6(ip("2001:db8:3::1"), kVip6)
                        .icmp6_packet_too_big(1280, quoted)
                        .build();
    CHECK(f[20] == 58);
    CHECK(f[54] == 2);
    CHECK(be16(f, 58 + 2) == 1280);
    CHECK(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::valid);
}

TEST_CASE("GUE header defaults to Shoal's and takes its proto from the inner packet", "[packet]") {
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .ipv4(ip("198.18.0.2"), ip("198.18.0.1"))
                        .udp(50000, 6080)
                        .gue(Gue::hop(3))
                        .ipv6(kClient6, kVip6)
                        .tcp(40000, 80)
                        .build();
    const std::size_t g = 14 + 20 + 8;
    CHECK(be16(f, 34 + 2) == 6080);
    CHECK(be16(f, 34 + 4) == 8 + 8 + 40 + 20);
    CHECK(f[g] == 0x01);
    CHECK(f[g + 1] == 41);
    CHECK(be16(f, g + 2) == 0);
    CHECK(f[g + 4] == 0x53);
    CHECK(f[g + 5] == 1);
    CHECK(be16(f, g + 6) == 3);
    CHECK(f[g + 8] >> 4 == 6);
    CHECK(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::valid);
    CHECK(verify_l4_checksum(f, g + 8).verdict == ChecksumVerdict::valid);

    Gue odd;
    odd.ver_c_hlen = 0x41;
    odd.proto = 17;
    odd.flags = 0x8000;
    odd.priv_type = 0x00;
    const Bytes o = Packet().ipv4(ip("198.18.0.2"), ip("198.18.0.1")).udp(1, 6080).gue(odd).build();
    CHECK(Bytes(o.begin() + 28, o.end()) == Bytes{0x41, 17, 0x80, 0x00, 0x00, 0, 0xFF, 0xFF});
}

TEST_CASE("a knob without the layer it applies to throws", "[packet]") {
    CHECK_THROWS_AS(Packet().eth(kDst, kSrc).ttl(3), std::logic_error);
    CHECK_THROWS_AS(Packet().ipv4(kClient4, kVip4).flags(tcp_flags::SYN), std::logic_error);
    CHECK_THROWS_AS(Packet().ipv4(kClient4, kVip4).flow_label(1), std::logic_error);
    CHECK_THROWS_AS(Packet().ipv4(kClient6, kVip6), std::invalid_argument);
    CHECK_THROWS_AS(ip("198.18.0.300"), std::invalid_argument);
}

TEST_CASE("describe_frame decodes VLAN, IP, UDP, GUE and the inner TCP", "[packet]") {
    const Bytes f = Packet()
                        .eth(kDst, kSrc)
                        .vlan(100)
                        .ipv4(ip("198.18.0.2"), ip("198.18.0.1"))
                        .udp(50000, 6080)
                        .gue(Gue::hop(2))
                        .ipv4(kClient4, kVip4)
                        .tcp(40000, 80)
                        .flags(tcp_flags::SYN)
                        .build();
    const std::string text = describe_frame(f);
    INFO(text);
    CHECK(text.find("vlan 0x8100 vid 100") != std::string::npos);
    CHECK(text.find("ipv4 198.18.0.2 -> 198.18.0.1") != std::string::npos);
    CHECK(text.find("udp 50000 -> 6080") != std::string::npos);
    CHECK(text.find("gue hlen 0x01 proto 4") != std::string::npos);
    CHECK(text.find("hops 1 next_hop 2") != std::string::npos);
    CHECK(text.find("tcp 40000 -> 80") != std::string::npos);
    CHECK(text.find("flags S ") != std::string::npos);
    const std::string diff = explain_difference(f, Packet().eth(kDst, kSrc).build());
    CHECK(diff.find("differ first at offset 12") != std::string::npos);
    CHECK(hexdump(Bytes{0x41, 0x00}).find("0000  41 00") == 0);
}
