// SPDX-License-Identifier: MIT
#include "model/encap.h"

#include <linux/bpf.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "model/byte_order.h"
#include "model/checksum.h"
#include "model/encap_checksum.h"
#include "model/gue_auth.h"
#include "model/icmp_too_big.h"
#include "shoal_hash.h"

namespace shoal::model {
namespace {

constexpr std::size_t kUdpGueLen = 8 + sizeof(shoal_gue_hdr);

std::uint8_t family_flag(std::uint8_t family) {
    return family == SHOAL_FAMILY_IPV4 ? SHOAL_SERVER_HAS_V4 : SHOAL_SERVER_HAS_V6;
}

// The inner family if this server and the target both have it, else the other one.
std::optional<std::uint8_t> outer_family(std::uint8_t inner, std::uint8_t self_flags,
                                         std::uint8_t target_flags) {
    const std::uint8_t other = inner == SHOAL_FAMILY_IPV4 ? SHOAL_FAMILY_IPV6 : SHOAL_FAMILY_IPV4;
    for (const std::uint8_t family : {inner, other}) {
        const std::uint8_t flag = family_flag(family);
        if ((self_flags & flag) && (target_flags & flag)) return family;
    }
    return std::nullopt;
}

Address dip_of(std::uint8_t family, const std::uint8_t (&dip6)[16], std::uint32_t dip4_be) {
    Address addr{};
    if (family == SHOAL_FAMILY_IPV4) {
        std::copy_n(reinterpret_cast<const std::uint8_t*>(&dip4_be), 4, addr.begin());
    } else {
        std::copy_n(dip6, 16, addr.begin());
    }
    return addr;
}

shoal_stat fib_failure(int code) {
    switch (code) {
        case BPF_FIB_LKUP_RET_FRAG_NEEDED:
            return SHOAL_STAT_DROP_TOO_BIG;
        case BPF_FIB_LKUP_RET_NO_NEIGH:
            return SHOAL_STAT_DROP_FIB_NO_NEIGH;
        default:
            return SHOAL_STAT_DROP_FIB_FAILED;
    }
}

void write_ipv4(std::span<std::uint8_t> h, const ServicePacket& packet, std::uint16_t tot_len,
                const Address& src, const Address& dst) {
    h[0] = 0x45;
    h[1] = packet.ip.tos;
    store_be16(h, 2, tot_len);
    store_be16(h, 4, 0);       // id
    store_be16(h, 6, 0x4000);  // DF
    h[8] = 64;
    h[9] = IPPROTO_UDP;
    std::copy_n(src.begin(), 4, h.begin() + 12);
    std::copy_n(dst.begin(), 4, h.begin() + 16);
    store_be16(h, 10, ipv4_header_checksum(h.first(20)));
}

void write_ipv6(std::span<std::uint8_t> h, const ServicePacket& packet, std::uint16_t payload_len,
                const Address& src, const Address& dst) {
    const std::uint32_t label = shoal_encap_flowlabel(packet.hash);
    store_be32(h, 0, 6u << 28 | std::uint32_t{packet.ip.tos} << 20 | label);
    store_be16(h, 4, payload_len);
    h[6] = IPPROTO_UDP;
    h[7] = 64;
    std::copy_n(src.begin(), 16, h.begin() + 8);
    std::copy_n(dst.begin(), 16, h.begin() + 24);
}

// hlen 3 when the tag of §8 follows (written by the caller), else 1.
void write_udp_gue(std::span<std::uint8_t> h, const ServicePacket& packet,
                   const shoal_config& config, std::uint16_t udp_len, const HopList& hops,
                   bool tagged) {
    store_be16(h, 0, shoal_encap_sport(packet.hash));
    store_be16(h, 2, from_be16(config.gue_port));
    store_be16(h, 4, udp_len);
    store_be16(h, 6, 0);  // checksum: §7, filled in by the caller
    h[8] = tagged ? SHOAL_GUE_HLEN_WORDS_TAGGED : SHOAL_GUE_HLEN_WORDS;  // ver 0, C 0
    h[9] = packet.ip.family == SHOAL_FAMILY_IPV4 ? IPPROTO_IPIP : IPPROTO_IPV6;
    store_be16(h, 10, 0);
    h[12] = hops.return_ticket ? SHOAL_GUE_PRIV_RETURN : SHOAL_GUE_PRIV_HOPS;
    h[13] = hops.next ? 1 : 0;
    store_be16(h, 14, hops.next.value_or(SHOAL_NO_SERVER));
}

}  // namespace

void encapsulate(const ServicePacket& packet, const EncapRequest& request,
                 std::uint32_t ingress_ifindex, const DataplaneState& state, const FibOracle& fib,
                 const IcmpRateOracle& icmp_rate, Decision& decision) {
    decision.action = XDP_DROP;
    decision.frame.clear();
    decision.verdict = SHOAL_STAT_DROP_NO_SERVER;
    const shoal_config& config = state.config;
    const auto server = state.servers.find(request.target);
    if (request.target >= SHOAL_MAX_SERVERS || server == state.servers.end() ||
        server->second.flags == 0) {
        return;
    }
    const shoal_server& target = server->second;
    const auto family = outer_family(packet.ip.family, config.flags, target.flags);
    if (!family) return;

    const bool v4 = *family == SHOAL_FAMILY_IPV4;
    const bool tagged = gue_signs(state.gue_auth);
    const std::size_t ip_hdr_len = v4 ? 20 : 40;
    const std::size_t udp_gue_len = kUdpGueLen + (tagged ? SHOAL_GUE_TAG_LEN : 0);
    const std::size_t outer_len = ip_hdr_len + udp_gue_len;
    const std::size_t ip_len = packet.ip.ip_len;
    const FibQuery query{*family, dip_of(*family, config.self_dip6, config.self_dip4),
                         dip_of(*family, target.dip6, target.dip4),
                         static_cast<std::uint16_t>(outer_len + ip_len), ingress_ifindex};
    const FibResult route = fib.lookup(query);
    if (route.code == BPF_FIB_LKUP_RET_FRAG_NEEDED)
        return answer_too_big(packet, config, route.mtu, outer_len, icmp_rate, decision);
    if (route.code != BPF_FIB_LKUP_RET_SUCCESS) {
        decision.verdict = fib_failure(route.code);
        return;
    }
    // bpf_xdp_adjust_head(-outer_len) cannot fail in the model: XDP leaves 256 bytes of
    // headroom and outer_len is at most 64.

    const std::span<const std::uint8_t> in = packet.bytes();
    std::vector<std::uint8_t> out(packet.l2.len + outer_len + ip_len);
    const std::span<std::uint8_t> o(out);
    std::copy(route.dmac.begin(), route.dmac.end(), o.begin());
    std::copy(route.smac.begin(), route.smac.end(), o.begin() + 6);
    if (packet.l2.vlan) std::copy_n(in.begin() + 12, 4, o.begin() + 12);  // TPID and TCI
    store_be16(o, packet.l2.ethertype_offset, v4 ? 0x0800 : 0x86DD);

    const auto outer = o.subspan(packet.l2.len, outer_len);
    const auto udp_len = static_cast<std::uint16_t>(udp_gue_len + ip_len);
    if (v4) {
        write_ipv4(outer, packet, static_cast<std::uint16_t>(outer_len + ip_len), query.src,
                   query.dst);
    } else {
        write_ipv6(outer, packet, udp_len, query.src, query.dst);
    }
    write_udp_gue(outer.subspan(ip_hdr_len), packet, config, udp_len, request.hops, tagged);
    if (tagged) {
        const auto gue = outer.subspan(ip_hdr_len + 8);
        const std::uint64_t tag = gue_tag(state.gue_auth->key, gue.first(sizeof(shoal_gue_hdr)),
                                          query.src, query.dst, *family, in, packet.ip);
        std::memcpy(gue.data() + sizeof(shoal_gue_hdr), &tag, sizeof(tag));  // little-endian
    }
    std::copy_n(in.begin() + packet.ip.offset, ip_len, o.begin() + packet.l2.len + outer_len);
    store_be16(outer, ip_hdr_len + 6, outer_udp_checksum(outer, in, packet.ip));

    // XDP_REDIRECT only to an interface user space attached to (shoal_tx_ports).
    if (route.ifindex != ingress_ifindex && !state.tx_ports.contains(route.ifindex)) {
        decision.verdict = SHOAL_STAT_DROP_NO_TX_PORT;
        return;
    }
    decision.verdict = request.verdict;
    decision.action = route.ifindex == ingress_ifindex ? XDP_TX : XDP_REDIRECT;
    decision.redirect_ifindex = decision.action == XDP_REDIRECT ? route.ifindex : 0;
    decision.srv_target = request.target;
    decision.srv_bytes = out.size();
    decision.frame = std::move(out);
}

}  // namespace shoal::model
