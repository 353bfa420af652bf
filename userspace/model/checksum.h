// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

// The Internet checksum's ones'-complement arithmetic (RFC 1071), on big-endian 16-bit words.
namespace shoal::model {

// Adds bytes as big-endian words to an unfolded sum; an odd last byte is padded with zero.
std::uint64_t csum_add(std::uint64_t sum, std::span<const std::uint8_t> bytes);
std::uint64_t csum_add16(std::uint64_t sum, std::uint16_t word);
// Folds the carries back in: the ones'-complement sum as 16 bits.
std::uint16_t csum_fold(std::uint64_t sum);
// The checksum field of an IPv4 header whose own checksum bytes are zero.
std::uint16_t ipv4_header_checksum(std::span<const std::uint8_t> header);

}  // namespace shoal::model
