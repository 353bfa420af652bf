// SPDX-License-Identifier: MIT
#include "packet/verify.h"

#include <vector>

#include "base/enum_names.h"

namespace shoal::test {
namespace {

// RFC 1071 §2(B)/(C): sum the even-offset bytes (high halves) and the odd-offset bytes
// (low halves) separately with deferred carries, then combine and fold.
std::uint16_t ones_complement_sum(const std::vector<std::span<const std::uint8_t>>& parts) {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    for (const auto& part : parts) {
        // Every part but the last has even length in the uses below.
        for (std::size_t i = 0; i < part.size(); ++i) (i % 2 == 0 ? high : low) += part[i];
    }
    std::uint64_t total = (high << 8) + low;
    while (total > 0xFFFF) total = (total >> 16) + (total & 0xFFFF);
    return static_cast<std::uint16_t>(total);
}

std::uint16_t be16(std::span<const std::uint8_t> b, std::size_t off) {
    return static_cast<std::uint16_t>(b[off] * 256 + b[off + 1]);
}

}  // namespace

std::uint16_t internet_checksum(std::span<const std::uint8_t> bytes) {
    return static_cast<std::uint16_t>(~ones_complement_sum({bytes}));
}

std::optional<std::size_t> find_ip_header(std::span<const std::uint8_t> frame) {
    std::size_t off = 12;
    while (off + 2 <= frame.size()) {
        const std::uint16_t type = be16(frame, off);
        if (type == 0x0800 || type == 0x86DD) return off + 2;
        if (type != 0x8100 && type != 0x88A8) return std::nullopt;
        off += 4;
    }
    return std::nullopt;
}

bool ipv4_header_checksum_valid(std::span<const std::uint8_t> frame, std::size_t ip_offset) {
    if (ip_offset + 20 > frame.size()) return false;
    const std::size_t ihl_bytes = (frame[ip_offset] & 0x0F) * 4u;
    if (ihl_bytes < 20 || ip_offset + ihl_bytes > frame.size()) return false;
    return ones_complement_sum({frame.subspan(ip_offset, ihl_bytes)}) == 0xFFFF;
}

L4ChecksumCheck verify_l4_checksum(std::span<const std::uint8_t> frame, std::size_t ip_offset) {
    L4ChecksumCheck check;
    if (ip_offset >= frame.size()) return check.detail = "no IP header", check;
    const auto ip = frame.subspan(ip_offset);
    const int version = ip[0] >> 4;
    std::size_t l4 = 0;
    std::size_t end = 0;
    std::vector<std::uint8_t> pseudo;
    if (version == 4) {
        if (ip.size() < 20) return check.detail = "IPv4 header truncated", check;
        l4 = (ip[0] & 0x0F) * 4u;
        end = be16(ip, 2);
        check.proto = ip[9];
        if ((be16(ip, 6) & 0x3FFF) != 0) return check.detail = "IPv4 fragment", check;
        // RFC 793 §3.1 / RFC 768: source, destination, zero, protocol, TCP/UDP length.
        pseudo.assign(ip.begin() + 12, ip.begin() + 20);
        pseudo.push_back(0);
        pseudo.push_back(check.proto);
    } else if (version == 6) {
        if (ip.size() < 40) return check.detail = "IPv6 header truncated", check;
        end = 40 + be16(ip, 4);
        std::uint8_t next = ip[6];
        l4 = 40;
        while (next == 0 || next == 43 || next == 60) {
            if (l4 + 2 > ip.size()) return check.detail = "extension header truncated", check;
            const std::uint8_t following = ip[l4];
            l4 += (ip[l4 + 1] + 1u) * 8;
            next = following;
        }
        if (next == 44) return check.detail = "IPv6 fragment", check;
        check.proto = next;
        // RFC 8200 §8.1: source, destination, upper-layer length (32 bits), 3 zeros, next header.
        pseudo.assign(ip.begin() + 8, ip.begin() + 40);
    } else {
        return check.detail = "IP version " + std::to_string(version), check;
    }
    if (end > ip.size() || l4 > end) return check.detail = "IP packet truncated", check;
    const auto segment = ip.subspan(l4, end - l4);
    if (version == 6) {
        const std::uint32_t len = static_cast<std::uint32_t>(segment.size());
        for (int shift : {24, 16, 8, 0}) pseudo.push_back(static_cast<std::uint8_t>(len >> shift));
        pseudo.insert(pseudo.end(), {0, 0, 0, check.proto});
    } else {
        pseudo.push_back(static_cast<std::uint8_t>(segment.size() >> 8));
        pseudo.push_back(static_cast<std::uint8_t>(segment.size()));
    }

    std::size_t checksum_at = 0;
    bool with_pseudo = true;
    switch (check.proto) {
        case 6:
            checksum_at = 16;
            break;
        case 17:
            checksum_at = 6;
            break;
        case 58:
            checksum_at = 2;
            break;
        case 1:
            checksum_at = 2;
            with_pseudo = false;
            break;  // RFC 792: the ICMP message only
        default:
            return check.detail = "protocol " + std::to_string(check.proto), check;
    }
    if (segment.size() < checksum_at + 2) return check.detail = "L4 header truncated", check;
    if (check.proto == 17 && be16(segment, 6) == 0) {
        check.verdict = ChecksumVerdict::absent;
        check.detail = "UDP checksum 0";
        return check;
    }
    const std::uint16_t sum =
        with_pseudo ? ones_complement_sum({pseudo, segment}) : ones_complement_sum({segment});
    check.verdict = sum == 0xFFFF ? ChecksumVerdict::valid : ChecksumVerdict::invalid;
    check.detail = "sum over " + std::to_string(segment.size()) + " bytes" +
                   (with_pseudo ? " and the pseudo-header" : "") + " = " + std::to_string(sum);
    return check;
}

std::string to_string(ChecksumVerdict verdict) {
    static constexpr EnumNames<ChecksumVerdict, 4> kNames{
        {{ChecksumVerdict::valid, "valid"},
         {ChecksumVerdict::invalid, "invalid"},
         {ChecksumVerdict::absent, "absent"},
         {ChecksumVerdict::not_checked, "not checked"}}};
    return std::string(name_of(kNames, verdict, "?"));
}

}  // namespace shoal::test
