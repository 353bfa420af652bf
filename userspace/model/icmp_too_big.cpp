// SPDX-License-Identifier: MIT
#include "model/icmp_too_big.h"

#include <linux/bpf.h>
#include <netinet/in.h>

#include <algorithm>

#include "model/byte_order.h"
#include "model/checksum.h"

namespace shoal::model {
namespace {

constexpr std::size_t kIcmp4MaxLen = 576;   // RFC 792/1812
constexpr std::size_t kIcmp6MaxLen = 1280;  // RFC 4443: the minimum IPv6 MTU
constexpr std::uint8_t kTtl = 64;

// RFC 1812 4.3.2.7: only a source that names one host is answered.
bool is_host_source(const IpHeader& ip) {
    const Address& a = ip.src;
    if (ip.family == SHOAL_FAMILY_IPV4) return a[0] != 0 && a[0] != 127 && a[0] < 224;
    if (a[0] == 0xFF) return false;  // multicast
    const bool high_zero = std::all_of(a.begin(), a.begin() + 15, [](auto b) { return b == 0; });
    return !high_zero || (a[15] != 0 && a[15] != 1);  // not :: or ::1
}

bool may_answer(const ServicePacket& packet) {
    const IpHeader& ip = packet.ip;
    const bool v4 = ip.family == SHOAL_FAMILY_IPV4;
    const int icmp = v4 ? int{IPPROTO_ICMP} : int{IPPROTO_ICMPV6};
    if (ip.proto == icmp) return false;  // never an ICMP error about an ICMP error
    if (!is_host_source(ip)) return false;
    return !v4 || (load_be16(packet.frame, ip.offset + 6) & 0x4000) != 0;  // DF
}

}  // namespace

void answer_too_big(const ServicePacket& packet, const shoal_config& config,
                    std::uint32_t egress_mtu, std::size_t overhead, const IcmpRateOracle& rate,
                    Decision& decision) {
    decision.action = XDP_DROP;
    decision.frame.clear();
    decision.verdict = SHOAL_STAT_DROP_TOO_BIG;
    if (!may_answer(packet)) return;
    decision.verdict = SHOAL_STAT_DROP_ICMP_RATE_LIMITED;
    if (!rate.allows(config)) return;

    const IpHeader& ip = packet.ip;
    const bool v4 = ip.family == SHOAL_FAMILY_IPV4;
    const std::size_t ip_hdr = v4 ? 20 : 40;
    const std::size_t hdrs = ip_hdr + 8;
    const std::size_t quote = std::min(ip.ip_len, (v4 ? kIcmp4MaxLen : kIcmp6MaxLen) - hdrs);
    const std::uint32_t mtu = egress_mtu > overhead ? egress_mtu - std::uint32_t(overhead) : 0;
    const std::span<const std::uint8_t> in = packet.bytes();
    const std::size_t l2 = packet.l2.len;

    std::vector<std::uint8_t> out(l2 + hdrs + quote);
    const std::span<std::uint8_t> o(out);
    std::copy_n(in.begin() + 6, 6, o.begin());  // back to the sender of the frame
    std::copy_n(in.begin(), 6, o.begin() + 6);
    if (packet.l2.vlan) std::copy_n(in.begin() + 12, 4, o.begin() + 12);  // TPID and TCI
    store_be16(o, packet.l2.ethertype_offset, v4 ? 0x0800 : 0x86DD);

    const auto h = o.subspan(l2, ip_hdr);
    const auto icmp = o.subspan(l2 + ip_hdr);
    std::copy_n(in.begin() + ip.offset, quote, icmp.begin() + 8);
    const auto length = static_cast<std::uint16_t>(8 + quote);
    if (v4) {
        h[0] = 0x45;
        store_be16(h, 2, static_cast<std::uint16_t>(hdrs + quote));
        store_be16(h, 6, 0x4000);  // DF; id 0 (an atomic datagram, RFC 6864)
        h[8] = kTtl;
        h[9] = IPPROTO_ICMP;
        std::copy_n(ip.dst.begin(), 4, h.begin() + 12);  // from the VIP
        std::copy_n(ip.src.begin(), 4, h.begin() + 16);  // to the client
        store_be16(h, 10, ipv4_header_checksum(h));
        icmp[0] = 3;  // destination unreachable
        icmp[1] = 4;  // fragmentation needed
        store_be16(icmp, 6, static_cast<std::uint16_t>(std::min<std::uint32_t>(mtu, 0xFFFF)));
        store_be16(icmp, 2, static_cast<std::uint16_t>(~csum_fold(csum_add(0, icmp))));
    } else {
        store_be32(h, 0, 6u << 28);
        store_be16(h, 4, length);
        h[6] = IPPROTO_ICMPV6;
        h[7] = kTtl;
        std::copy_n(ip.dst.begin(), 16, h.begin() + 8);
        std::copy_n(ip.src.begin(), 16, h.begin() + 24);
        icmp[0] = 2;  // packet too big
        store_be32(icmp, 4, mtu);
        std::uint64_t sum = csum_add(0, h.subspan(8, 32));  // pseudo-header
        sum = csum_add16(sum, length);
        sum = csum_add16(sum, IPPROTO_ICMPV6);
        sum = csum_add(sum, icmp);
        store_be16(icmp, 2, static_cast<std::uint16_t>(~csum_fold(sum)));
    }
    decision.action = XDP_TX;
    decision.verdict = SHOAL_STAT_ICMP_TOO_BIG_SENT;
    decision.frame = std::move(out);
}

}  // namespace shoal::model
