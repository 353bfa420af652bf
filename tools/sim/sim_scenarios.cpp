// SPDX-License-Identifier: MIT
#include "sim/sim_scenarios.h"

namespace shoal::sim {

std::vector<Scenario> standard_scenarios(std::uint32_t rounds) {
    const std::uint32_t half = rounds / 2;
    Scenario generations{.name = "generations", .rounds = rounds, .event_round = std::nullopt};

    // The newest generation is throttled (a firmware or cooling fault): 2.2 -> 1.5.
    Scenario degraded{.name = "degraded", .rounds = rounds, .event_round = half};
    degraded.before_round = [half](World& world, std::uint32_t round) {
        if (round != half) return;
        for (auto& s : world.servers())
            if (world.generations()[s.generation].name == "gen3") s.capacity = 1.5;
    };

    // srv001 (gen2) stops reporting for a quarter of the run; its last report goes stale and
    // its weight is held, while it keeps serving its buckets.
    Scenario missing{.name = "missing_reports", .rounds = rounds, .event_round = half};
    missing.report_lost = [half, rounds](const SimServer& s, std::uint32_t round) {
        return s.index == 1 && round >= half && round < half + rounds / 4;
    };
    return {generations, degraded, missing};
}

}  // namespace shoal::sim
