// SPDX-License-Identifier: MIT
#include "pool_sim.h"

#include <fmt/format.h>

#include <cmath>

namespace shoal::load::test {

PoolSim::PoolSim(std::vector<double> capacities, std::uint32_t buckets, ControllerSettings settings)
    : controller(settings), capacities_(std::move(capacities)), buckets_(buckets) {
    std::vector<table::Server> servers;
    for (std::size_t i = 0; i < capacities_.size(); ++i) {
        members.push_back({fmt::format("srv{}", i + 1), table::ServerIndex(i),
                           table::ServerState::active, 100, 100, std::nullopt, std::nullopt});
        servers.push_back({table::ServerIndex(i), members.back().name, builder_weight(100),
                           table::ServerState::active});
    }
    report_override.resize(capacities_.size());
    table = table::build_table({.buckets = buckets_, .servers = servers, .now = now}).table;
}

std::vector<double> PoolSim::utilisation() const {
    std::vector<double> count(capacities_.size(), 0);
    for (const auto& b : table) count[b.first_hop] += 1;
    double capacity = 0;
    for (double c : capacities_) capacity += c;
    std::vector<double> u(capacities_.size());
    for (std::size_t i = 0; i < u.size(); ++i)
        u[i] = 0.5 * capacity * count[i] / buckets_ / capacities_[i];
    return u;
}

double PoolSim::cov() const {
    const auto u = utilisation();
    double mean = 0, var = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < u.size(); ++i)
        if (members[i].state == table::ServerState::active) mean += u[i], ++n;
    mean /= double(n);
    for (std::size_t i = 0; i < u.size(); ++i)
        if (members[i].state == table::ServerState::active) var += (u[i] - mean) * (u[i] - mean);
    return std::sqrt(var / double(n)) / mean;
}

std::uint32_t PoolSim::moved_since(const table::Table& before) const {
    std::uint32_t moved = 0;
    for (std::size_t b = 0; b < table.size(); ++b)
        moved += table[b].first_hop != before[b].first_hop;
    return moved;
}

PoolRound PoolSim::step() {
    now += controller.settings().interval;
    const auto u = utilisation();
    for (std::size_t i = 0; i < members.size(); ++i)
        members[i].report =
            report_override[i] ? report_override[i] : UtilisationReport{u[i], now, {}};
    PoolRound round = controller.round({.members = members,
                                        .table = &table,
                                        .buckets = buckets_,
                                        .now = now,
                                        .options = {},
                                        .second_hop_busy = {}});
    for (std::size_t i = 0; i < members.size(); ++i)
        if (round.members[i].source != WeightSource::manual)
            members[i].weight = round.members[i].weight;
    table = round.build.table;
    return round;
}

}  // namespace shoal::load::test
