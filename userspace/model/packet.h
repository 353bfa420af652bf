// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/classify.h"
#include "model/parse.h"

namespace shoal::model {

// A packet for a service on its way through §4-§6: its current bytes (decapsulated if it
// came in GUE), where its headers are, its flow and its flow hash.
struct ServicePacket {
    std::vector<std::uint8_t> frame;
    L2Header l2;
    IpHeader ip;
    Classification cls;
    std::uint64_t hash = 0;

    std::span<const std::uint8_t> bytes() const { return frame; }
};

}  // namespace shoal::model
