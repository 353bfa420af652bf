// SPDX-License-Identifier: MIT
#include "model/encap_checksum.h"

#include <netinet/in.h>

#include "model/byte_order.h"
#include "model/checksum.h"
#include "shoal_abi.h"

namespace shoal::model {
namespace {

// The sum a correct inner L4 checksum makes its segment contribute: the complement of the
// inner pseudo-header's sum.
std::uint16_t segment_sum_from_pseudo_header(const IpHeader& inner) {
    std::uint64_t sum = 0;
    sum = csum_add(sum, std::span(inner.src).first(inner.addr_len()));
    sum = csum_add(sum, std::span(inner.dst).first(inner.addr_len()));
    const std::uint32_t l4_len = static_cast<std::uint32_t>(inner.ip_len - inner.l3_len);
    sum = csum_add16(sum, static_cast<std::uint16_t>(l4_len >> 16));
    sum = csum_add16(sum, static_cast<std::uint16_t>(l4_len));
    sum = csum_add16(sum, inner.proto);
    return static_cast<std::uint16_t>(~csum_fold(sum));
}

}  // namespace

std::uint16_t outer_udp_checksum(std::span<const std::uint8_t> outer,
                                 std::span<const std::uint8_t> frame, const IpHeader& inner) {
    if (inner.fragment) return 0;  // a fragment's bytes are not a whole L4 segment
    const bool v4 = outer[0] >> 4 == 4;
    const std::size_t udp = v4 ? 20 : 40;  // offsets in the outer headers
    const std::size_t gue = udp + 8;
    std::uint64_t sum = 0;
    const std::uint16_t udp_len = load_be16(outer, udp + 4);
    // pseudo-header: source and destination, upper-layer length (IPv6: its high half is 0), 17
    sum = v4 ? csum_add(sum, outer.subspan(12, 8)) : csum_add(sum, outer.subspan(8, 32));
    sum = csum_add16(sum, udp_len);
    sum = csum_add16(sum, IPPROTO_UDP);
    sum = csum_add(sum, outer.subspan(udp, 6));  // UDP header, checksum as 0
    sum = csum_add(sum, outer.subspan(gue));     // GUE header, and the tag when there is one

    if (inner.family == SHOAL_FAMILY_IPV6) {
        if (inner.l3_len != 40) return 0;  // extension headers: not summed without reading
        sum = csum_add(sum, frame.subspan(inner.offset, 40));
    }  // a valid IPv4 header sums to 0xFFFF, which adds nothing

    switch (inner.proto) {
        case IPPROTO_UDP:
            if (load_be16(frame, inner.l4_offset() + 6) == 0) return 0;  // no checksum to rely on
            [[fallthrough]];
        case IPPROTO_TCP:
        case IPPROTO_ICMPV6:
            sum = csum_add16(sum, segment_sum_from_pseudo_header(inner));
            break;
        default:
            break;  // ICMPv4 has no pseudo-header: a correct message sums to 0xFFFF
    }
    const std::uint16_t check = static_cast<std::uint16_t>(~csum_fold(sum));
    return check == 0 ? 0xFFFF : check;
}

}  // namespace shoal::model
