// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "model/parse.h"
#include "shoal_abi.h"

// docs/dataplane.md §8: the GUE authentication tag, written by a sender and checked by a
// receiver. The message and the MAC are bpf/shoal_gue_tag.h, shared with the XDP program.
namespace shoal::model {

// Whether a sender in this mode tags its GUE (no entry reads as mode off).
bool gue_signs(const std::optional<shoal_gue_auth>& auth);

// The tag of the packet `inner` (its headers in `frame`) under the 8 GUE header bytes
// `gue_header` and the outer addresses.
std::uint64_t gue_tag(const __u64 (&key)[2], std::span<const std::uint8_t> gue_header,
                      const Address& outer_src, const Address& outer_dst, std::uint8_t outer_family,
                      std::span<const std::uint8_t> frame, const IpHeader& inner);

// §8 at the receiver: nullopt when the packet may go on, else SHOAL_STAT_GUE_AUTH_MISSING or
// _BAD. outer_frame and outer: the GUE packet as received; inner_frame and inner: after
// decapsulation.
std::optional<shoal_stat> check_gue_tag(const std::optional<shoal_gue_auth>& auth,
                                        std::span<const std::uint8_t> outer_frame,
                                        const IpHeader& outer,
                                        std::span<const std::uint8_t> inner_frame,
                                        const IpHeader& inner);

}  // namespace shoal::model
