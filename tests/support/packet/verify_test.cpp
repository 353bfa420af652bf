// SPDX-License-Identifier: MIT
#include "packet/verify.h"

#include <catch2/catch.hpp>

#include "packet/packet.h"

using namespace shoal::test;

TEST_CASE("internet_checksum reproduces the RFC 1071 numerical example", "[verify]") {
    // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
    const Bytes bytes = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(internet_checksum(bytes) == static_cast<std::uint16_t>(~0xddf2));
    const Bytes odd = {0x00, 0x01, 0xf2};  // 0001 + f200
    CHECK(internet_checksum(odd) == static_cast<std::uint16_t>(~0xf201));
}

TEST_CASE("verifiers reject a frame with one byte changed", "[verify]") {
    Bytes f = Packet()
                  .eth(mac("02:00:00:00:00:02"), mac("02:00:00:00:00:01"))
                  .ipv4(ip("198.18.2.1"), ip("198.18.1.1"))
                  .tcp(40000, 80)
                  .payload("payload")
                  .build();
    REQUIRE(ipv4_header_checksum_valid(f, 14));
    REQUIRE(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::valid);
    f[f.size() - 1] ^= 0x01;
    CHECK(verify_l4_checksum(f, 14).verdict == ChecksumVerdict::invalid);
    f[14 + 8] ^= 0x01;  // TTL
    CHECK_FALSE(ipv4_header_checksum_valid(f, 14));
}

TEST_CASE("verify_l4_checksum does not check what it cannot", "[verify]") {
    const auto mac_d = mac("02:00:00:00:00:02");
    const auto mac_s = mac("02:00:00:00:00:01");
    const Bytes frag = Packet()
                           .eth(mac_d, mac_s)
                           .ipv4(ip("198.18.2.1"), ip("198.18.1.1"))
                           .fragment(1, false)
                           .udp(1, 2)
                           .build();
    CHECK(verify_l4_checksum(frag, 14).verdict == ChecksumVerdict::not_checked);
    const Bytes cut = Packet()
                          .eth(mac_d, mac_s)
                          .ipv4(ip("198.18.2.1"), ip("198.18.1.1"))
                          .tcp(1, 2)
                          .truncate(40)
                          .build();
    CHECK(verify_l4_checksum(cut, 14).verdict == ChecksumVerdict::not_checked);
    const Bytes sctp = Packet()
                           .eth(mac_d, mac_s)
                           .ipv4(ip("198.18.2.1"), ip("198.18.1.1"))
                           .ip_proto(132)
                           .payload("x")
                           .build();
    CHECK(verify_l4_checksum(sctp, 14).verdict == ChecksumVerdict::not_checked);
    CHECK_FALSE(
        find_ip_header(Packet().eth(mac_d, mac_s).ethertype(0x0806).payload("arp").build()));
}
