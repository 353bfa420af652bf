// SPDX-License-Identifier: MIT
#include "sim/sim_run.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "load/load_controller.h"
#include "table/table_builder.h"

namespace shoal::sim {
namespace {

using Json = nlohmann::json;

constexpr double kConfigWeight = 100;
const table::TimePoint kStart{std::chrono::milliseconds(1'700'000'000'000LL)};

struct Spread {
    double mean = 0, cov = 0, max_minus_min = 0;
};

Spread spread_of(const std::vector<double>& u) {
    Spread s;
    s.mean = std::accumulate(u.begin(), u.end(), 0.0) / double(u.size());
    double var = 0;
    for (double x : u) var += (x - s.mean) * (x - s.mean);
    s.cov = s.mean > 0 ? std::sqrt(var / double(u.size())) / s.mean : 0;
    const auto [lo, hi] = std::minmax_element(u.begin(), u.end());
    s.max_minus_min = *hi - *lo;
    return s;
}

// The first round from which every round up to `end` has CoV within the target; -1: none.
int settled_from(const std::vector<double>& cov, std::size_t begin, std::size_t end,
                 double target) {
    int from = -1;
    for (std::size_t r = begin; r < end; ++r) {
        if (cov[r] > target)
            from = -1;
        else if (from < 0)
            from = int(r);
    }
    return from;
}

}  // namespace

Json run_scenario(const Scenario& scenario, const WorldOptions& world_options,
                  const load::ControllerSettings& settings, const Targets& targets) {
    World world(world_options, {{"gen1", 1.0}, {"gen2", 1.5}, {"gen3", 2.2}});
    const load::LoadController controller(settings);
    const std::size_t n = world.servers().size();

    std::vector<table::Server> equal;
    for (const auto& s : world.servers())
        equal.push_back(
            {s.index, s.name, load::builder_weight(kConfigWeight), table::ServerState::active});
    table::Table table =
        table::build_table({.buckets = world.buckets(), .servers = equal, .now = kStart}).table;
    std::vector<double> weights(n, kConfigWeight);
    std::vector<std::optional<load::UtilisationReport>> last_report(n);

    Json rounds = Json::array();
    std::vector<double> cov;
    double max_moved_fraction = 0;
    std::uint32_t held_rounds = 0;
    for (std::uint32_t r = 0; r < scenario.rounds; ++r) {
        const table::TimePoint now = kStart + r * settings.interval;
        scenario.before_round(world, r);
        const std::vector<double> u = world.utilisation(table, r);
        const Spread spread = spread_of(u);

        std::vector<load::PoolMember> members(n);
        for (std::size_t i = 0; i < n; ++i) {
            const SimServer& s = world.servers()[i];
            if (!scenario.report_lost(s, r))
                last_report[i] = load::UtilisationReport{u[i], now, {}};
            members[i] = {s.name,        s.index,       table::ServerState::active,
                          weights[i],    kConfigWeight, std::nullopt,
                          last_report[i]};
        }
        const load::PoolRound round = controller.round({.members = members,
                                                        .table = &table,
                                                        .buckets = world.buckets(),
                                                        .now = now,
                                                        .options = {},
                                                        .second_hop_busy = {}});
        std::uint32_t held = 0;
        for (std::size_t i = 0; i < n; ++i) {
            weights[i] = round.members[i].weight;
            held += !round.members[i].held.empty();
        }
        held_rounds += held > 0;
        table = round.build.table;
        const double moved_fraction = double(round.moved) / double(world.buckets());
        max_moved_fraction = std::max(max_moved_fraction, moved_fraction);
        cov.push_back(spread.cov);
        rounds.push_back({{"round", r},
                          {"cov", spread.cov},
                          {"max_minus_min", spread.max_minus_min},
                          {"mean_utilisation", spread.mean},
                          {"moved_buckets", round.moved},
                          {"moved_fraction", moved_fraction},
                          {"held_servers", held}});
    }

    const std::size_t phase_end = scenario.event_round.value_or(scenario.rounds);
    const std::size_t window =
        std::max<std::size_t>(1, std::min<std::size_t>(20, scenario.rounds / 4));
    double steady = 0;
    for (std::size_t r = scenario.rounds - window; r < scenario.rounds; ++r) steady += cov[r];
    Json summary = {{"rounds_to_converge", settled_from(cov, 0, phase_end, targets.cov)},
                    {"steady_cov", steady / double(window)},
                    {"max_moved_fraction", max_moved_fraction},
                    {"buckets", world.buckets()},
                    {"servers", n}};
    if (scenario.event_round) {
        const int again = settled_from(cov, *scenario.event_round, scenario.rounds, targets.cov);
        summary["event_round"] = *scenario.event_round;
        summary["rounds_to_reconverge"] = again < 0 ? -1 : again - int(*scenario.event_round);
        summary["rounds_with_held_servers"] = held_rounds;
    }
    return {{"rounds", rounds}, {"summary", summary}};
}

}  // namespace shoal::sim
