// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "model/parse.h"

// docs/dataplane.md §2 step 6: RFC 6040 (normal mode) at decapsulation.
namespace shoal::model {

// The inner ECN field RFC 6040 gives for an outer and an inner ECN field; nullopt: drop (outer CE
// over a Not-ECT inner packet).
std::optional<std::uint8_t> rfc6040_ecn(std::uint8_t outer_ecn, std::uint8_t inner_ecn);

// Applies it to the parsed inner packet in frame (IPv4: TOS and an incremental header checksum,
// RFC 1624; IPv6: the traffic class), and to ip.tos. Returns false: drop.
bool apply_rfc6040(std::span<std::uint8_t> frame, IpHeader& ip, std::uint8_t outer_tos);

}  // namespace shoal::model
