// SPDX-License-Identifier: MIT
#include "table/share_targets.h"

#include <fmt/format.h>

#include "table/apportion.h"

namespace shoal::table {

namespace {

std::string describe_states(const ServerSlots& slots) {
    std::uint32_t counts[3] = {0, 0, 0};
    for (std::uint32_t s = 0; s < slots.size(); ++s) ++counts[int(slots.server(s).state)];
    return fmt::format("{} servers: {} active, {} draining, {} down", slots.size(), counts[0],
                       counts[1], counts[2]);
}

}  // namespace

ShareTargets compute_share_targets(std::uint32_t buckets, const ServerSlots& slots,
                                   std::span<const std::uint32_t> held) {
    const std::uint32_t n = slots.size();
    std::vector<std::uint64_t> weights(n, 0);
    std::uint64_t total_weight = 0;
    for (std::uint32_t s = 0; s < n; ++s) {
        const Server& server = slots.server(s);
        if (server.state == ServerState::active) weights[s] = server.weight;
        total_weight += weights[s];
    }
    if (total_weight == 0)
        throw TableError(
            fmt::format("no active server has a weight above 0 ({}); refusing to build "
                        "an empty table",
                        describe_states(slots)));

    std::vector<std::uint8_t> holds_extra;
    if (!held.empty()) {
        holds_extra.resize(n);
        for (std::uint32_t s = 0; s < n; ++s)
            holds_extra[s] = (unsigned __int128)(held[s]) * total_weight >
                             (unsigned __int128)(buckets)*weights[s];
    }
    const std::vector<std::uint64_t> parts = apportion(buckets, weights, holds_extra);

    ShareTargets out;
    out.target.resize(n);
    out.exact.resize(n);
    for (std::uint32_t s = 0; s < n; ++s) {
        out.target[s] = std::uint32_t(parts[s]);
        out.exact[s] = double(buckets) * double(weights[s]) / double(total_weight);
    }
    return out;
}

}  // namespace shoal::table
