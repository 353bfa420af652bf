// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

// Checksum checks written from the RFCs (791, 768, 793, 792, 8200, 4443, 1071), sharing no code
// with the model's or the builder's checksum arithmetic, so tests validate checksums
// independently over the real bytes of a frame.
namespace shoal::test {

// RFC 1071 checksum of bytes (an odd last byte padded with zero).
std::uint16_t internet_checksum(std::span<const std::uint8_t> bytes);

// Offset of the IP header after Ethernet and any 802.1Q/802.1ad tags; nullopt if not IP.
std::optional<std::size_t> find_ip_header(std::span<const std::uint8_t> frame);

// Whether the IPv4 header at ip_offset sums to 0xFFFF (false if it is not all there).
bool ipv4_header_checksum_valid(std::span<const std::uint8_t> frame, std::size_t ip_offset);

enum class ChecksumVerdict {
    valid,
    invalid,
    absent,       // UDP checksum 0
    not_checked,  // truncated, fragment, or a protocol without a checksum we know
};

struct L4ChecksumCheck {
    ChecksumVerdict verdict = ChecksumVerdict::not_checked;
    std::uint8_t proto = 0;
    std::string detail;  // what was summed or why not
};

// The TCP/UDP/ICMP/ICMPv6 checksum of the IP packet at ip_offset, summed over the real bytes
// (pseudo-header included); IPv6 extension headers are skipped.
L4ChecksumCheck verify_l4_checksum(std::span<const std::uint8_t> frame, std::size_t ip_offset);

std::string to_string(ChecksumVerdict verdict);

}  // namespace shoal::test
