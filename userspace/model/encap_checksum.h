// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

#include "model/parse.h"

// docs/dataplane.md §7: the outer UDP checksum, computed without reading the inner payload
// (local checksum offload, RFC 7605 style).
namespace shoal::model {

// outer: the outer IPv4 or IPv6 + UDP + GUE headers as written, with the tag of §8 when there
// is one (UDP checksum ignored); frame and inner: the packet being encapsulated. Returns the
// checksum field to write, 0 when it cannot be computed this way.
std::uint16_t outer_udp_checksum(std::span<const std::uint8_t> outer,
                                 std::span<const std::uint8_t> frame, const IpHeader& inner);

}  // namespace shoal::model
