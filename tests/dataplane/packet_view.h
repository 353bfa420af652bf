// SPDX-License-Identifier: MIT
// A small decoder of frames for the invariant checker, written apart from the model and the
// program on purpose: the properties are judged on what the bytes say, not on what either
// implementation thinks they say. Every reader checks its bytes are there and returns nullopt
// otherwise.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace shoal::test::view {

using Frame = std::span<const std::uint8_t>;
using Addr = std::array<std::uint8_t, 16>;  // IPv4 in the first 4 bytes, the rest zero

std::uint16_t be16(Frame f, std::size_t off);

struct Ip {
    int family = 0;          // 4 or 6
    std::size_t off = 0;     // of the IP header in the frame
    std::size_t len = 0;     // IPv4 total length, or 40 + payload length
    std::size_t l4 = 0;      // of the L4 header (IPv6: after the extension headers)
    std::uint8_t proto = 0;  // the L4 protocol (a fragment's, from its IPv4 or Fragment header)
    bool fragment = false;
    std::uint8_t ttl = 0;
    std::uint8_t tos = 0;  // IPv4 TOS or IPv6 traffic class
    Addr src{}, dst{};

    std::size_t end() const { return off + len; }
};

// The IP packet at off (it must lie in the frame); nullopt when malformed or cut short.
std::optional<Ip> ip_at(Frame f, std::size_t off);
// The IP packet after Ethernet and at most one 802.1Q tag; nullopt when there is none.
std::optional<Ip> ip_of_frame(Frame f);

// Outer IP + UDP + the GUE header (hlen words after its first 4 bytes), whatever their values.
struct Gue {
    Ip outer;
    std::uint16_t sport = 0, dport = 0, udp_len = 0;
    std::uint8_t ver_c_hlen = 0, proto = 0, priv_type = 0, hop_count = 0;
    std::uint16_t flags = 0, next_hop = 0;
    std::size_t inner_off = 0;  // where the inner IP packet starts
};
std::optional<Gue> gue_of_frame(Frame f);

// Invariant 4 for a TCP or UDP header (not a fragment): why it is malformed, or nullopt.
std::optional<std::string> malformed_l4(Frame f, const Ip& ip);

// The packet an ICMPv4 destination-unreachable or ICMPv6 destination-unreachable / packet-too-big
// quotes, when its IP header and ports are there.
struct Quote {
    Addr src{}, dst{};
    std::uint8_t proto = 0;
    std::uint16_t sport = 0, dport = 0;
};
bool is_icmp_error(Frame f, const Ip& ip);  // of the steered kinds, header present
std::optional<Quote> icmp_quote(Frame f, const Ip& ip);

// "198.18.0.1" / "2001:db8::1"-style text (IPv6 as 8 hex groups), for messages.
std::string addr_text(int family, const Addr& a);

}  // namespace shoal::test::view
