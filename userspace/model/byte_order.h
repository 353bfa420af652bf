// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

// Network-order reads and writes on byte spans, and the raw loads the hash words use.
namespace shoal::model {

inline std::uint16_t load_be16(std::span<const std::uint8_t> b, std::size_t off) {
    return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

inline std::uint32_t load_be32(std::span<const std::uint8_t> b, std::size_t off) {
    return std::uint32_t{b[off]} << 24 | std::uint32_t{b[off + 1]} << 16 |
           std::uint32_t{b[off + 2]} << 8 | b[off + 3];
}

inline void store_be16(std::span<std::uint8_t> b, std::size_t off, std::uint16_t v) {
    b[off] = static_cast<std::uint8_t>(v >> 8);
    b[off + 1] = static_cast<std::uint8_t>(v);
}

inline void store_be32(std::span<std::uint8_t> b, std::size_t off, std::uint32_t v) {
    store_be16(b, off, static_cast<std::uint16_t>(v >> 16));
    store_be16(b, off + 2, static_cast<std::uint16_t>(v));
}

// A host-order value as the __be16 the ABI structs hold (its bytes in network order).
inline std::uint16_t to_be16(std::uint16_t host) {
    const std::uint8_t bytes[2] = {static_cast<std::uint8_t>(host >> 8),
                                   static_cast<std::uint8_t>(host)};
    std::uint16_t be;
    std::memcpy(&be, bytes, sizeof(be));
    return be;
}

inline std::uint16_t from_be16(std::uint16_t be) {
    std::uint8_t bytes[2];
    std::memcpy(bytes, &be, sizeof(be));
    return static_cast<std::uint16_t>(bytes[0] << 8 | bytes[1]);
}

// The raw loads of bpf/shoal_hash.h: network-order bytes read as a little-endian integer.
inline std::uint16_t raw_le16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] | p[1] << 8);
}

inline std::uint32_t raw_le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
           std::uint32_t{p[3]} << 24;
}

}  // namespace shoal::model
