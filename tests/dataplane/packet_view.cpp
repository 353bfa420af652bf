// SPDX-License-Identifier: MIT
#include "packet_view.h"

#include <netinet/in.h>

#include <algorithm>

namespace shoal::test::view {
namespace {

bool has(Frame f, std::size_t off, std::size_t n) { return off <= f.size() && n <= f.size() - off; }

std::optional<Ip> ipv4_at(Frame f, std::size_t off) {
    if (!has(f, off, 20)) return std::nullopt;
    const std::size_t ihl = (f[off] & 0x0F) * 4u;
    const std::size_t len = be16(f, off + 2);
    if (f[off] >> 4 != 4 || ihl < 20 || len < ihl || !has(f, off, len)) return std::nullopt;
    Ip ip;
    ip.family = 4;
    ip.off = off;
    ip.len = len;
    ip.l4 = off + ihl;
    ip.proto = f[off + 9];
    ip.fragment = (be16(f, off + 6) & 0x3FFF) != 0;
    ip.ttl = f[off + 8];
    ip.tos = f[off + 1];
    std::copy_n(f.begin() + static_cast<long>(off) + 12, 4, ip.src.begin());
    std::copy_n(f.begin() + static_cast<long>(off) + 16, 4, ip.dst.begin());
    return ip;
}

std::optional<Ip> ipv6_at(Frame f, std::size_t off) {
    if (!has(f, off, 40) || f[off] >> 4 != 6) return std::nullopt;
    Ip ip;
    ip.family = 6;
    ip.off = off;
    ip.len = 40 + std::size_t{be16(f, off + 4)};
    if (!has(f, off, ip.len)) return std::nullopt;
    ip.ttl = f[off + 7];
    ip.tos = static_cast<std::uint8_t>((f[off] & 0x0F) << 4 | f[off + 1] >> 4);
    std::copy_n(f.begin() + static_cast<long>(off) + 8, 16, ip.src.begin());
    std::copy_n(f.begin() + static_cast<long>(off) + 24, 16, ip.dst.begin());
    std::uint8_t next = f[off + 6];
    std::size_t at = off + 40;
    for (int i = 0; i < 16; ++i) {  // hop-by-hop, routing, destination options, fragment
        if (next != 0 && next != 43 && next != 60 && next != 44) break;
        if (at + 8 > ip.end()) return std::nullopt;
        if (next == 44) {
            ip.fragment = true;
            next = f[at];
            at += 8;
            break;
        }
        const std::size_t n = (std::size_t{f[at + 1]} + 1) * 8;
        next = f[at];
        at += n;
        if (at > ip.end()) return std::nullopt;
    }
    ip.l4 = at;
    ip.proto = next;
    return ip;
}

}  // namespace

std::uint16_t be16(Frame f, std::size_t off) {
    return static_cast<std::uint16_t>(f[off] << 8 | f[off + 1]);
}

std::optional<Ip> ip_at(Frame f, std::size_t off) {
    if (!has(f, off, 1)) return std::nullopt;
    if (f[off] >> 4 == 4) return ipv4_at(f, off);
    if (f[off] >> 4 == 6) return ipv6_at(f, off);
    return std::nullopt;
}

std::optional<Ip> ip_of_frame(Frame f) {
    if (!has(f, 0, 14)) return std::nullopt;
    std::size_t l2 = 14;
    std::uint16_t type = be16(f, 12);
    if (type == 0x8100) {
        if (!has(f, 0, 18)) return std::nullopt;
        type = be16(f, 16);
        l2 = 18;
    }
    if (type != 0x0800 && type != 0x86DD) return std::nullopt;
    auto ip = ip_at(f, l2);
    if (!ip || (ip->family == 4) != (type == 0x0800)) return std::nullopt;
    return ip;
}

std::optional<Gue> gue_of_frame(Frame f) {
    const auto outer = ip_of_frame(f);
    if (!outer || outer->fragment || outer->proto != IPPROTO_UDP) return std::nullopt;
    const std::size_t u = outer->l4;
    if (u + 16 > outer->end()) return std::nullopt;
    Gue g;
    g.outer = *outer;
    g.sport = be16(f, u);
    g.dport = be16(f, u + 2);
    g.udp_len = be16(f, u + 4);
    g.ver_c_hlen = f[u + 8];
    g.proto = f[u + 9];
    g.flags = be16(f, u + 10);
    g.priv_type = f[u + 12];
    g.hop_count = f[u + 13];
    g.next_hop = be16(f, u + 14);
    // After the 4-byte base header come hlen words: Shoal's hop word, then the tag (§8).
    g.inner_off = u + 8 + 4 + (g.ver_c_hlen & 0x1Fu) * 4;
    if (g.inner_off > outer->end()) return std::nullopt;
    return g;
}

std::optional<std::string> malformed_l4(Frame f, const Ip& ip) {
    const std::size_t room = ip.end() > ip.l4 ? ip.end() - ip.l4 : 0;
    if (ip.proto == IPPROTO_TCP) {
        if (room < 20) return "TCP header cut short";
        const std::size_t doff = f[ip.l4 + 12] >> 4;
        if (doff < 5 || doff * 4 > room)
            return "TCP data offset " + std::to_string(doff) + " with " + std::to_string(room) +
                   " bytes";
    } else if (ip.proto == IPPROTO_UDP) {
        if (room < 8) return "UDP header cut short";
        const std::size_t len = be16(f, ip.l4 + 4);
        if (len < 8 || len > room)
            return "UDP length " + std::to_string(len) + " with " + std::to_string(room) + " bytes";
    }
    return std::nullopt;
}

bool is_icmp_error(Frame f, const Ip& ip) {
    if (ip.fragment || ip.l4 + 8 > ip.end()) return false;
    const std::uint8_t type = f[ip.l4];
    if (ip.family == 4) return ip.proto == IPPROTO_ICMP && type == 3;
    return ip.proto == IPPROTO_ICMPV6 && (type == 1 || type == 2);
}

std::optional<Quote> icmp_quote(Frame f, const Ip& ip) {
    if (!is_icmp_error(f, ip)) return std::nullopt;
    const std::size_t q = ip.l4 + 8;
    Quote quote;
    std::size_t ports = 0;
    if (ip.family == 4) {
        if (q + 20 > ip.end() || f[q] >> 4 != 4 || (f[q] & 0x0F) < 5) return std::nullopt;
        ports = q + (f[q] & 0x0Fu) * 4;
        quote.proto = f[q + 9];
        std::copy_n(f.begin() + static_cast<long>(q) + 12, 4, quote.src.begin());
        std::copy_n(f.begin() + static_cast<long>(q) + 16, 4, quote.dst.begin());
    } else {
        if (q + 40 > ip.end() || f[q] >> 4 != 6) return std::nullopt;
        ports = q + 40;
        quote.proto = f[q + 6];
        std::copy_n(f.begin() + static_cast<long>(q) + 8, 16, quote.src.begin());
        std::copy_n(f.begin() + static_cast<long>(q) + 24, 16, quote.dst.begin());
    }
    if (ports + 4 > ip.end()) return std::nullopt;
    quote.sport = be16(f, ports);
    quote.dport = be16(f, ports + 2);
    return quote;
}

std::string addr_text(int family, const Addr& a) {
    std::string s;
    if (family == 4) {
        for (int i = 0; i < 4; ++i) s += (i ? "." : "") + std::to_string(a[i]);
        return s;
    }
    static const char* digits = "0123456789abcdef";
    for (int i = 0; i < 16; i += 2) {
        if (i) s += ':';
        const unsigned w = a[i] << 8 | a[i + 1];
        for (int shift = 12; shift >= 0; shift -= 4) s += digits[(w >> shift) & 0xF];
    }
    return s;
}

}  // namespace shoal::test::view
