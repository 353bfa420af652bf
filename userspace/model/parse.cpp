// SPDX-License-Identifier: MIT
#include "model/parse.h"

#include <netinet/in.h>

#include <algorithm>

#include "model/byte_order.h"
#include "model/cursor.h"
#include "shoal_abi.h"

namespace shoal::model {
namespace {

constexpr std::uint16_t kEthP8021Q = 0x8100;
constexpr std::uint16_t kEthPIp = 0x0800;
constexpr std::uint16_t kEthPIpv6 = 0x86DD;
constexpr std::size_t kMaxL4Offset = 512;  // the BPF program's bound on where L4 may start

ParseResult parse_ipv4(std::span<const std::uint8_t> frame, std::size_t offset, IpHeader& ip) {
    Cursor cur(frame, offset, frame.size());
    if (!cur.has(20)) return ParseResult::bad_ip;
    const auto h = cur.peek(20);
    const std::size_t ihl = h[0] & 0x0F;
    if ((h[0] >> 4) != 4 || ihl < 5 || !cur.has(ihl * 4)) return ParseResult::bad_ip;
    const std::size_t tot_len = load_be16(h, 2);
    if (tot_len < ihl * 4 || tot_len > frame.size() - offset) return ParseResult::bad_ip;

    ip.family = SHOAL_FAMILY_IPV4;
    ip.offset = offset;
    ip.ip_len = tot_len;
    ip.l3_len = ihl * 4;
    ip.proto = h[9];
    ip.tos = h[1];
    ip.ttl = h[8];
    ip.src = {};
    ip.dst = {};
    std::copy_n(h.begin() + 12, 4, ip.src.begin());
    std::copy_n(h.begin() + 16, 4, ip.dst.begin());
    ip.fragment = (load_be16(h, 6) & 0x3FFF) != 0;
    return ip.fragment ? ParseResult::fragment : ParseResult::ok;
}

bool is_skipped_ext_header(std::uint8_t nexthdr) {
    return nexthdr == IPPROTO_HOPOPTS || nexthdr == IPPROTO_ROUTING || nexthdr == IPPROTO_DSTOPTS;
}

ParseResult parse_ipv6(std::span<const std::uint8_t> frame, std::size_t offset, IpHeader& ip) {
    Cursor cur(frame, offset, frame.size());
    if (!cur.has(40)) return ParseResult::bad_ip;
    const auto h = cur.peek(40);
    const std::size_t ip_len = 40 + std::size_t{load_be16(h, 4)};
    if ((h[0] >> 4) != 6 || ip_len > frame.size() - offset) return ParseResult::bad_ip;

    // Extension headers must lie inside the IP packet, not in the Ethernet padding.
    Cursor ext(frame, offset + 40, offset + ip_len);
    std::uint8_t nexthdr = h[6];
    for (int i = 0; i < SHOAL_MAX_IPV6_EXT_HEADERS; ++i) {
        if (nexthdr == IPPROTO_FRAGMENT || !is_skipped_ext_header(nexthdr)) break;
        if (!ext.has(8)) return ParseResult::bad_ip;
        const auto e = ext.peek(8);
        const std::size_t len = (std::size_t{e[1]} + 1) * 8;
        if (!ext.has(len)) return ParseResult::bad_ip;
        nexthdr = e[0];
        ext.take(len);
    }
    ip.fragment = nexthdr == IPPROTO_FRAGMENT;
    if (ip.fragment) {
        // The protocol of a fragment is in its Fragment header, which must be in the packet.
        if (!ext.has(8)) return ParseResult::bad_ip;
        nexthdr = ext.peek(8)[0];
    }

    ip.family = SHOAL_FAMILY_IPV6;
    ip.offset = offset;
    ip.ip_len = ip_len;
    ip.l3_len = ext.pos() - offset;
    ip.proto = nexthdr;
    ip.tos = static_cast<std::uint8_t>((h[0] & 0x0F) << 4 | h[1] >> 4);
    ip.ttl = h[7];
    std::copy_n(h.begin() + 8, 16, ip.src.begin());
    std::copy_n(h.begin() + 24, 16, ip.dst.begin());
    return ip.fragment ? ParseResult::fragment : ParseResult::ok;
}

}  // namespace

std::size_t IpHeader::addr_len() const noexcept { return family == SHOAL_FAMILY_IPV4 ? 4 : 16; }

ParseResult parse_l2(std::span<const std::uint8_t> frame, L2Header& l2) {
    Cursor cur(frame, 0, frame.size());
    if (!cur.has(14)) return ParseResult::not_ip;
    l2 = {14, 12, load_be16(frame, 12), false};
    if (l2.ethertype == kEthP8021Q) {
        if (!cur.has(18)) return ParseResult::not_ip;
        l2 = {18, 16, load_be16(frame, 16), true};
    }
    if (l2.ethertype != kEthPIp && l2.ethertype != kEthPIpv6) return ParseResult::not_ip;
    return ParseResult::ok;
}

ParseResult parse_ip(std::span<const std::uint8_t> frame, std::size_t offset,
                     std::uint16_t ethertype, IpHeader& ip) {
    if (ethertype == kEthPIp) return parse_ipv4(frame, offset, ip);
    if (ethertype == kEthPIpv6) return parse_ipv6(frame, offset, ip);
    return ParseResult::not_ip;
}

ParseResult check_l4(std::span<const std::uint8_t> frame, const IpHeader& ip) {
    if (ip.l4_offset() > kMaxL4Offset)
        return ParseResult::bad_l4;  // as the BPF program; 512 itself cannot occur
    // Invariant 4: the TCP header with its options, the UDP datagram, lie within the IP packet.
    Cursor cur(frame, ip.l4_offset(), ip.end());
    if (ip.proto == IPPROTO_TCP) {
        if (!cur.has(20)) return ParseResult::bad_l4;
        const std::size_t doff = cur.peek(20)[12] >> 4;
        if (doff < 5 || !cur.has(doff * 4)) return ParseResult::bad_l4;
    } else if (ip.proto == IPPROTO_UDP) {
        if (!cur.has(8)) return ParseResult::bad_l4;
        const std::size_t udp_len = load_be16(cur.peek(8), 4);
        if (udp_len < 8 || !cur.has(udp_len)) return ParseResult::bad_l4;
    }
    return ParseResult::ok;
}

}  // namespace shoal::model
