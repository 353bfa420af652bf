// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

#include "model/parse.h"

// docs/dataplane.md §7: the IPv6 outer UDP checksum, computed without reading the inner
// payload (local checksum offload, RFC 7605 style).
namespace shoal::model {

// outer: the 56 (64 with the tag) bytes of outer IPv6 + UDP + GUE headers as written (UDP
// checksum ignored);
// frame and inner: the packet being encapsulated. Returns the checksum field to write, 0 when
// it cannot be computed this way.
std::uint16_t outer_udp6_checksum(std::span<const std::uint8_t> outer,
                                  std::span<const std::uint8_t> frame, const IpHeader& inner);

}  // namespace shoal::model
