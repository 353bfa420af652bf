// SPDX-License-Identifier: MIT
// Runs one scenario round by round: measure every server's CPU on the table in force, hand
// the reports to the real LoadController (which builds the next table with the real table
// builder), and record the spread of utilisation and the buckets moved.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "load/controller_settings.h"
#include "sim/sim_world.h"

namespace shoal::sim {

struct Targets {
    double cov = 0.02;             // steady-state coefficient of variation of utilisation
    double moved_fraction = 0.01;  // buckets moved in any round
    std::uint32_t rounds = 30;     // to converge from equal weights
};

struct Scenario {
    std::string name;
    std::uint32_t rounds = 100;
    // Something happens at this round (capacity drop, reports lost): convergence is measured
    // before it, reconvergence after it.
    std::optional<std::uint32_t> event_round;
    std::function<void(World&, std::uint32_t round)> before_round = [](World&, std::uint32_t) {};
    std::function<bool(const SimServer&, std::uint32_t round)> report_lost =
        [](const SimServer&, std::uint32_t) { return false; };
};

// {"rounds": [...], "summary": {...}} for one scenario.
nlohmann::json run_scenario(const Scenario& scenario, const WorldOptions& world,
                            const load::ControllerSettings& settings, const Targets& targets);

}  // namespace shoal::sim
