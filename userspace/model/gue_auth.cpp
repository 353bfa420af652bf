// SPDX-License-Identifier: MIT
#include "model/gue_auth.h"

#include <cstring>

#include "model/cursor.h"
#include "shoal_gue_tag.h"

namespace shoal::model {
namespace {

constexpr std::size_t kUdpLen = 8;
constexpr std::size_t kGueLen = sizeof(shoal_gue_hdr);

// An address as the raw network-order 32-bit words the shared message builder takes.
struct RawAddress {
    __u32 w[4];
    explicit RawAddress(const Address& a) { std::memcpy(w, a.data(), sizeof(w)); }
};

// The first 4 bytes of the L4 header, read little-endian; 0 when they are not all inside.
__u32 l4_raw(std::span<const std::uint8_t> frame, const IpHeader& ip) {
    Cursor cur(frame, ip.l4_offset(), ip.end());
    if (!cur.has(4)) return 0;
    __u32 raw;
    std::memcpy(&raw, cur.peek(4).data(), sizeof(raw));
    return raw;
}

}  // namespace

bool gue_signs(const std::optional<shoal_gue_auth>& auth) {
    return auth && auth->mode != SHOAL_GUE_AUTH_OFF;
}

std::uint64_t gue_tag(const __u64 (&key)[2], std::span<const std::uint8_t> gue_header,
                      const Address& outer_src, const Address& outer_dst, std::uint8_t outer_family,
                      std::span<const std::uint8_t> frame, const IpHeader& inner) {
    __u64 gue_raw;
    std::memcpy(&gue_raw, gue_header.data(), sizeof(gue_raw));
    const RawAddress os(outer_src), od(outer_dst), is(inner.src), id(inner.dst);
    return shoal_gue_tag(key, gue_raw, os.w, od.w, outer_family, is.w, id.w, inner.family,
                         l4_raw(frame, inner), inner.proto);
}

std::optional<shoal_stat> check_gue_tag(const std::optional<shoal_gue_auth>& auth,
                                        std::span<const std::uint8_t> outer_frame,
                                        const IpHeader& outer,
                                        std::span<const std::uint8_t> inner_frame,
                                        const IpHeader& inner) {
    if (!gue_signs(auth)) return std::nullopt;
    const auto gue = outer_frame.subspan(outer.l4_offset() + kUdpLen);  // check_gue saw it
    if (gue[0] != SHOAL_GUE_HLEN_WORDS_TAGGED) return SHOAL_STAT_GUE_AUTH_MISSING;
    std::uint64_t tag;
    std::memcpy(&tag, gue.data() + kGueLen, sizeof(tag));
    const auto matches = [&](const __u64(&key)[2]) {
        return gue_tag(key, gue.first(kGueLen), outer.src, outer.dst, outer.family, inner_frame,
                       inner) == tag;
    };
    if (matches(auth->key) || (auth->has_next && matches(auth->next_key))) return std::nullopt;
    return SHOAL_STAT_GUE_AUTH_BAD;
}

}  // namespace shoal::model
