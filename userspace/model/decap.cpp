// SPDX-License-Identifier: MIT
#include "model/decap.h"

#include <netinet/in.h>

#include <algorithm>

#include "model/byte_order.h"
#include "model/cursor.h"

namespace shoal::model {
namespace {

constexpr std::size_t kUdpLen = 8;

// Bytes from the outer IP header to the end of GUE (8 bytes, or 16 with the tag of §8): what
// decapsulation removes.
std::size_t outer_headers_len(const IpHeader& ip, std::size_t gue_len) {
    return ip.l3_len + kUdpLen + gue_len;
}

// Invariant 2 on receipt: a return ticket names exactly its sender (and so never this server),
// else false. A hop list naming its sender or this server leads nowhere new and reads as the
// empty list (before the invariants, a bucket's second hop sent [itself]: a rolling upgrade
// loses nothing).
bool hops_from(HopList& hops, std::uint32_t sender, std::uint16_t self) {
    if (hops.return_ticket) return hops.next && *hops.next == sender && *hops.next != self;
    if (hops.next && (*hops.next == sender || *hops.next == self)) hops.next.reset();
    return true;
}

bool is_self_dip(const IpHeader& ip, const shoal_config& config) {
    if (ip.family == SHOAL_FAMILY_IPV4) {
        return (config.flags & SHOAL_SERVER_HAS_V4) &&
               std::equal(ip.dst.begin(), ip.dst.begin() + 4,
                          reinterpret_cast<const std::uint8_t*>(&config.self_dip4));
    }
    return (config.flags & SHOAL_SERVER_HAS_V6) &&
           std::equal(ip.dst.begin(), ip.dst.end(), config.self_dip6);
}

}  // namespace

bool is_gue(std::span<const std::uint8_t> frame, const IpHeader& ip, const shoal_config& config) {
    return ip.proto == IPPROTO_UDP &&
           load_be16(frame, ip.l4_offset() + 2) == from_be16(config.gue_port) &&
           is_self_dip(ip, config);
}

std::optional<GueHeader> check_gue(std::span<const std::uint8_t> frame, const IpHeader& ip,
                                   const DataplaneState& state, shoal_stat& drop) {
    const auto member = state.members.find(make_member_key(ip.family, ip.src));
    if (member == state.members.end()) {
        drop = SHOAL_STAT_DROP_GUE_NOT_MEMBER;
        return std::nullopt;
    }
    drop = SHOAL_STAT_DROP_BAD_GUE;
    Cursor cur(frame, ip.l4_offset() + kUdpLen, ip.end());
    if (!cur.has(sizeof(shoal_gue_hdr))) return std::nullopt;
    const auto g = cur.peek(sizeof(shoal_gue_hdr));
    const std::uint8_t proto = g[1];
    const std::uint8_t priv_type = g[4];
    const std::uint8_t hop_count = g[5];
    const std::uint16_t next_hop = load_be16(g, 6);
    const bool tagged = g[0] == SHOAL_GUE_HLEN_WORDS_TAGGED;  // accepted in every mode (§8)
    if ((g[0] != SHOAL_GUE_HLEN_WORDS && !tagged) || load_be16(g, 2) != 0) return std::nullopt;
    if (priv_type != SHOAL_GUE_PRIV_HOPS && priv_type != SHOAL_GUE_PRIV_RETURN) return std::nullopt;
    if (proto != IPPROTO_IPIP && proto != IPPROTO_IPV6) return std::nullopt;
    GueHeader gue;
    if (tagged) {
        if (!cur.has(sizeof(shoal_gue_hdr) + SHOAL_GUE_TAG_LEN)) return std::nullopt;
        gue.length += SHOAL_GUE_TAG_LEN;
    }
    gue.inner_ethertype = proto == IPPROTO_IPIP ? 0x0800 : 0x86DD;
    gue.hops.return_ticket = priv_type == SHOAL_GUE_PRIV_RETURN;
    // A return ticket always names the server it goes back to.
    if (hop_count == 1 && next_hop < SHOAL_MAX_SERVERS) {
        gue.hops.next = next_hop;
    } else if (hop_count != 0 || next_hop != SHOAL_NO_SERVER || gue.hops.return_ticket) {
        return std::nullopt;
    }
    if (!hops_from(gue.hops, member->second.server_index, state.config.self_index))
        return std::nullopt;
    // Invariant 4: the UDP datagram fills the outer IP packet; the inner packet, the rest.
    const std::size_t udp_len = load_be16(frame, ip.l4_offset() + 4);
    const std::size_t outer_len = outer_headers_len(ip, gue.length);
    if (udp_len != ip.ip_len - ip.l3_len || ip.ip_len <= outer_len) return std::nullopt;
    gue.inner_len = ip.ip_len - outer_len;
    gue.outer_tos = ip.tos;
    return gue;
}

std::vector<std::uint8_t> decapsulate(std::span<const std::uint8_t> frame, const L2Header& l2,
                                      const IpHeader& ip, const GueHeader& gue) {
    const std::size_t inner = ip.offset + outer_headers_len(ip, gue.length);
    std::vector<std::uint8_t> out(frame.begin(), frame.begin() + l2.len);
    out.insert(out.end(), frame.begin() + inner, frame.end());
    store_be16(out, l2.ethertype_offset, gue.inner_ethertype);
    return out;
}

}  // namespace shoal::model
