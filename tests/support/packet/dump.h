// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <string>

// Readable renderings of frames for test failure messages.
namespace shoal::test {

// Offsets, 16 bytes a line in hex, and the printable characters.
std::string hexdump(std::span<const std::uint8_t> bytes);

// One line per header: Ethernet, 802.1Q, IPv4/IPv6 (with extension headers), TCP, UDP, GUE
// (then the inner packet), ICMP/ICMPv6 (then the quoted packet); where decoding stops, why.
std::string describe_frame(std::span<const std::uint8_t> frame);

// The first differing offset, then both frames decoded and dumped.
std::string explain_difference(std::span<const std::uint8_t> expected,
                               std::span<const std::uint8_t> actual);

}  // namespace shoal::test
