// SPDX-License-Identifier: MIT
#include "model/checksum.h"

namespace shoal::model {

std::uint64_t csum_add(std::uint64_t sum, std::span<const std::uint8_t> bytes) {
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) sum += std::uint64_t{bytes[i]} << 8 | bytes[i + 1];
    if (i < bytes.size()) sum += std::uint64_t{bytes[i]} << 8;
    return sum;
}

std::uint64_t csum_add16(std::uint64_t sum, std::uint16_t word) { return sum + word; }

std::uint16_t csum_fold(std::uint64_t sum) {
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(sum);
}

std::uint16_t ipv4_header_checksum(std::span<const std::uint8_t> header) {
    return static_cast<std::uint16_t>(~csum_fold(csum_add(0, header)));
}

}  // namespace shoal::model
