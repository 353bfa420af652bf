// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>

#include "packet/packet_layers.h"

// The GUE authentication tag of docs/dataplane.md §8 computed from a frame's own bytes, as a
// reader of the document would (not with the model's parser), for the expected frames of the
// packet cases.
namespace shoal::cases {

using GueKey = std::array<std::uint64_t, 2>;

// The tag of the GUE packet in frame (Ethernet, optional 802.1Q tag, outer IPv4/IPv6 without
// options, UDP, GUE with hlen 3, inner packet) under key.
std::uint64_t gue_tag_of(const test::Bytes& frame, const GueKey& key);

// Writes that tag into the frame's GUE header (which must have hlen 3 and room for it) and
// makes a non-zero outer UDP checksum right again, summed over the real bytes. Throws
// std::invalid_argument or std::out_of_range for a frame it cannot read.
void seal_gue(test::Bytes& frame, const GueKey& key);

}  // namespace shoal::cases
