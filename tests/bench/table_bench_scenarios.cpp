// SPDX-License-Identifier: MIT
#include "table_bench_scenarios.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace shoal::bench {

using table::Server;
using table::ServerState;

std::vector<Server> bench_fleet(std::uint32_t count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Server> fleet;
    fleet.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i)
        fleet.push_back({i, "server-" + std::to_string(i), std::uint32_t(50 + rng() % 101),
                         ServerState::active});
    return fleet;
}

std::vector<TableScenario> bench_scenarios(const std::vector<Server>& fleet, std::uint64_t seed) {
    std::mt19937_64 rng(seed ^ 0x5ce7a210ULL);
    const auto n = std::uint32_t(fleet.size());
    std::vector<TableScenario> out;
    out.push_back({"first", fleet});

    out.push_back({"drain", fleet});
    out.back().servers[n / 2].state = ServerState::draining;

    out.push_back({"add", fleet});
    out.back().servers.push_back({n, "server-" + std::to_string(n), 100, ServerState::active});

    out.push_back({"reweight", fleet});
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), rng);
    for (std::uint32_t k = 0; k < std::max<std::uint32_t>(1, n / 10); ++k)
        out.back().servers[order[k]].weight = std::uint32_t(50 + rng() % 101);

    out.push_back({"down", fleet});
    out.back().servers[n / 3].state = ServerState::down;
    return out;
}

}  // namespace shoal::bench
