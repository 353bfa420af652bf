// SPDX-License-Identifier: MIT
// shoal-sim: the real load controller and table builder against a simulated data centre.
//   shoal-sim --json            {"scenarios": {"generations": {"rounds": [...], "summary": {...}},
//   ...}} shoal-sim                   a summary table
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/sim_run.h"
#include "sim/sim_scenarios.h"

int main(int argc, char** argv) {
    using namespace shoal;
    CLI::App app{"shoal-sim: the load controller against a simulated data centre"};
    bool json = false;
    std::uint32_t rounds = 100;
    std::string only;
    sim::WorldOptions world;
    load::ControllerSettings settings;
    settings.enabled = true;
    double interval_s = 10;
    app.add_flag("--json", json, "print the JSON other tools read");
    app.add_option("--rounds", rounds, "rounds per scenario (>= 40)")
        ->check(CLI::Range(40u, 100000u));
    app.add_option("--servers", world.servers, "servers, in three generations")
        ->check(CLI::Range(3u, 4096u));
    app.add_option("--table-bits", world.table_bits, "log2 of the table size")
        ->check(CLI::Range(8u, 20u));
    app.add_option("--seed", world.seed, "traffic and noise seed");
    app.add_option("--noise", world.noise, "per-round traffic noise per server (sigma)")
        ->check(CLI::Range(0.0, 0.5));
    app.add_option("--scenario", only, "run only this scenario");
    app.add_option("--interval", interval_s,
                   "controller round, seconds (the churn guard counts it)");
    app.add_option("--dead-band", settings.dead_band, "controller dead band");
    app.add_option("--damping", settings.damping, "controller damping exponent");
    app.add_option("--max-step", settings.max_step, "controller bound per round");
    app.add_option("--move-budget", settings.move_budget, "fraction of buckets per round");
    CLI11_PARSE(app, argc, argv);
    settings.interval = std::chrono::milliseconds(std::int64_t(interval_s * 1000));

    const sim::Targets targets;
    nlohmann::json scenarios = nlohmann::json::object();
    for (const auto& scenario : sim::standard_scenarios(rounds)) {
        if (!only.empty() && scenario.name != only) continue;
        scenarios[scenario.name] = sim::run_scenario(scenario, world, settings, targets);
    }
    if (scenarios.empty()) {
        std::cerr << "shoal-sim: no scenario named " << only << "\n";
        return 2;
    }
    if (json) {
        std::cout << nlohmann::json{{"scenarios", scenarios}}.dump() << "\n";
        return 0;
    }
    fmt::print("{:<16} {:>18} {:>11} {:>19}\n", "SCENARIO", "ROUNDS_TO_CONVERGE", "STEADY_COV",
               "MAX_MOVED_FRACTION");
    for (const auto& [name, s] : scenarios.items()) {
        const auto& sum = s["summary"];
        fmt::print("{:<16} {:>18} {:>10.2f}% {:>18.3f}%\n", name,
                   sum["rounds_to_converge"].get<int>(), 100 * sum["steady_cov"].get<double>(),
                   100 * sum["max_moved_fraction"].get<double>());
    }
    fmt::print(
        "targets: converge within {} rounds, steady CoV <= {:.0f}%, <= {:.0f}% of buckets moved "
        "per round\n",
        targets.rounds, 100 * targets.cov, 100 * targets.moved_fraction);
    return 0;
}
