// SPDX-License-Identifier: MIT
#include "model/ecn.h"

#include "model/byte_order.h"
#include "model/checksum.h"
#include "shoal_abi.h"

namespace shoal::model {
namespace {

constexpr std::uint8_t kNotEct = 0;
constexpr std::uint8_t kEct1 = 1;
constexpr std::uint8_t kEct0 = 2;
constexpr std::uint8_t kCe = 3;

}  // namespace

std::optional<std::uint8_t> rfc6040_ecn(std::uint8_t outer_ecn, std::uint8_t inner_ecn) {
    if (outer_ecn == kCe) {
        if (inner_ecn == kNotEct) return std::nullopt;
        return kCe;
    }
    if (outer_ecn == kEct1 && inner_ecn == kEct0) return kEct1;
    return inner_ecn;
}

bool apply_rfc6040(std::span<std::uint8_t> frame, IpHeader& ip, std::uint8_t outer_tos) {
    const std::uint8_t inner = ip.tos & 3;
    const auto ecn = rfc6040_ecn(outer_tos & 3, inner);
    if (!ecn) return false;
    if (*ecn == inner) return true;
    const auto tos = static_cast<std::uint8_t>((ip.tos & ~3) | *ecn);
    const auto h = frame.subspan(ip.offset);
    if (ip.family == SHOAL_FAMILY_IPV4) {
        // RFC 1624 eqn. 3 over the word {version/IHL, TOS}, as the program updates it.
        const auto old_word = static_cast<std::uint16_t>(h[0] << 8 | ip.tos);
        const auto new_word = static_cast<std::uint16_t>(h[0] << 8 | tos);
        std::uint64_t sum = static_cast<std::uint16_t>(~load_be16(h, 10));
        sum = csum_add16(sum, static_cast<std::uint16_t>(~old_word));
        sum = csum_add16(sum, new_word);
        h[1] = tos;
        store_be16(h, 10, static_cast<std::uint16_t>(~csum_fold(sum)));
    } else {
        h[1] = static_cast<std::uint8_t>((h[1] & ~0x30) | *ecn << 4);
    }
    ip.tos = tos;
    return true;
}

}  // namespace shoal::model
