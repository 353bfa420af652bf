// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "model/flow.h"

// docs/dataplane.md §1: the Ethernet, IP and L4 headers of a frame.
namespace shoal::model {

enum class ParseResult {
    ok,
    not_ip,    // not IPv4/IPv6 at L2
    bad_ip,    // IP header malformed or truncated
    fragment,  // IPv4 fragment or IPv6 Fragment header
    bad_l4,    // TCP/UDP (or the ICMP of §3) header truncated, or its length past the packet
};

struct L2Header {
    std::size_t len = 0;               // 14, or 18 with an 802.1Q tag
    std::size_t ethertype_offset = 0;  // 12, or 16 with the tag
    std::uint16_t ethertype = 0;
    bool vlan = false;
};

struct IpHeader {
    std::uint8_t family = 0;  // SHOAL_FAMILY_IPV4 or SHOAL_FAMILY_IPV6
    std::size_t offset = 0;   // of the IP header in the frame
    std::size_t ip_len = 0;   // IPv4 tot_len, or 40 + payload_len
    std::size_t l3_len = 0;   // IP header plus IPv4 options or IPv6 extension headers
    std::uint8_t proto = 0;   // the L4 protocol (of a fragment: from its IPv4 or Fragment header)
    std::uint8_t tos = 0;     // IPv4 TOS or IPv6 traffic class
    std::uint8_t ttl = 0;     // IPv4 TTL or IPv6 hop limit
    bool fragment = false;    // parse_ip said fragment: every field is still filled in
    Address src{};
    Address dst{};

    std::size_t l4_offset() const noexcept { return offset + l3_len; }
    std::size_t end() const noexcept { return offset + ip_len; }  // bytes past it are padding
    std::size_t addr_len() const noexcept;                        // 4 or 16
};

ParseResult parse_l2(std::span<const std::uint8_t> frame, L2Header& l2);
// The IP header at offset, of the family the EtherType names. For a fragment ip is filled in
// too (no L4 header is read).
ParseResult parse_ip(std::span<const std::uint8_t> frame, std::size_t offset,
                     std::uint16_t ethertype, IpHeader& ip);
// §1 step 5: L4 starts within the first 512 bytes; TCP and UDP headers are complete and their
// lengths (data offset, UDP length) within the IP packet. ICMP is checked by classify().
ParseResult check_l4(std::span<const std::uint8_t> frame, const IpHeader& ip);

}  // namespace shoal::model
