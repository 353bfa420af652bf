// SPDX-License-Identifier: MIT
#include "gue_seal.h"

#include <cstring>
#include <stdexcept>
#include <vector>

#include "packet/verify.h"
#include "shoal_hash.h"

namespace shoal::cases {
namespace {

struct Layout {
    std::size_t outer = 0, udp = 0, gue = 0, inner = 0, inner_l4 = 0, inner_end = 0;
    int outer_family = 0, inner_family = 0;
    std::uint8_t inner_proto = 0;
};

std::uint16_t be16(const test::Bytes& f, std::size_t at) {
    return static_cast<std::uint16_t>(f.at(at) << 8 | f.at(at + 1));
}

std::uint64_t le64(const test::Bytes& f, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | f.at(at + i);
    return v;
}

std::uint32_t le32(const test::Bytes& f, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = v << 8 | f.at(at + i);
    return v;
}

Layout locate(const test::Bytes& f) {
    Layout l;
    l.outer = be16(f, 12) == 0x8100 ? 18 : 14;
    l.outer_family = f.at(l.outer) >> 4;
    l.udp = l.outer + (l.outer_family == 4 ? (f.at(l.outer) & 0x0F) * 4u : 40u);
    l.gue = l.udp + 8;
    if ((f.at(l.gue) & 0x1F) != 3) throw std::invalid_argument("GUE header without hlen 3");
    l.inner = l.gue + 16;
    l.inner_family = f.at(l.inner) >> 4;
    if (l.inner_family == 4) {
        l.inner_proto = f.at(l.inner + 9);
        l.inner_l4 = l.inner + (f.at(l.inner) & 0x0F) * 4u;
        l.inner_end = l.inner + be16(f, l.inner + 2);
    } else {
        l.inner_end = l.inner + 40 + be16(f, l.inner + 4);
        std::uint8_t next = f.at(l.inner + 6);
        std::size_t at = l.inner + 40;
        for (int i = 0; i < 4 && (next == 0 || next == 43 || next == 60); ++i) {
            next = f.at(at);
            at += (f.at(at + 1) + 1u) * 8;
        }
        l.inner_proto = next;
        l.inner_l4 = at;
    }
    return l;
}

// IPv4: one word, src | dst << 32; IPv6: src and dst, two words each.
void push_addresses(std::vector<__u64>& words, const test::Bytes& f, std::size_t ip, int family) {
    if (family == 4) {
        words.push_back(std::uint64_t{le32(f, ip + 12)} | std::uint64_t{le32(f, ip + 16)} << 32);
        return;
    }
    for (std::size_t off : {8u, 16u, 24u, 32u}) words.push_back(le64(f, ip + off));
}

}  // namespace

std::uint64_t gue_tag_of(const test::Bytes& f, const GueKey& key) {
    const Layout l = locate(f);
    std::vector<__u64> words{le64(f, l.gue)};
    push_addresses(words, f, l.outer, l.outer_family);
    push_addresses(words, f, l.inner, l.inner_family);
    const std::uint32_t l4 = l.inner_l4 + 4 <= l.inner_end ? le32(f, l.inner_l4) : 0;
    words.push_back(std::uint64_t{l4} | std::uint64_t{l.inner_proto} << 32 |
                    std::uint64_t(l.outer_family) << 40 | std::uint64_t(l.inner_family) << 48);
    const __u64 k[2] = {key[0], key[1]};
    return shoal_siphash24(k, words.data(), static_cast<__u32>(words.size()));
}

void seal_gue(test::Bytes& f, const GueKey& key) {
    const Layout l = locate(f);
    const std::uint64_t tag = gue_tag_of(f, key);
    for (int i = 0; i < 8; ++i) f.at(l.gue + 8 + i) = static_cast<std::uint8_t>(tag >> (8 * i));
    if (be16(f, l.udp + 6) == 0) return;  // no checksum to make right
    // The outer UDP checksum over the real bytes: pseudo-header, then the segment.
    const std::size_t udp_len = be16(f, l.udp + 4);
    if (udp_len < 8 || l.udp + udp_len > f.size()) return;
    const bool v4 = l.outer_family == 4;
    const std::size_t addrs = l.outer + (v4 ? 12 : 8);
    test::Bytes sum(f.begin() + static_cast<long>(addrs),
                    f.begin() + static_cast<long>(addrs + (v4 ? 8 : 32)));
    const auto hi = static_cast<std::uint8_t>(udp_len >> 8),
               lo = static_cast<std::uint8_t>(udp_len);
    if (v4)
        sum.insert(sum.end(), {0, 17, hi, lo});
    else
        sum.insert(sum.end(), {0, 0, hi, lo, 0, 0, 0, 17});
    const std::size_t at = sum.size();
    sum.insert(sum.end(), f.begin() + static_cast<long>(l.udp),
               f.begin() + static_cast<long>(l.udp + udp_len));
    sum[at + 6] = sum[at + 7] = 0;
    std::uint16_t check = test::internet_checksum(sum);
    if (check == 0) check = 0xFFFF;
    f.at(l.udp + 6) = static_cast<std::uint8_t>(check >> 8);
    f.at(l.udp + 7) = static_cast<std::uint8_t>(check);
}

}  // namespace shoal::cases
