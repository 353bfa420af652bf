// SPDX-License-Identifier: MIT
#include "sim/sim_world.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shoal::sim {

World::World(const WorldOptions& options, std::vector<Generation> generations)
    : options_(options), generations_(std::move(generations)), noise_rng_(options.seed * 7919 + 1) {
    for (std::uint32_t i = 0; i < options.servers; ++i) {
        // Generations in equal thirds, interleaved so each holds low and high indexes.
        const std::size_t g = i % generations_.size();
        servers_.push_back({fmt::format("srv{:03}", i), i, g, generations_[g].capacity});
    }
    std::mt19937_64 rng(options.seed);
    std::lognormal_distribution<double> spread(0, options.bucket_spread);
    bucket_traffic_.resize(buckets());
    double sum = 0;
    for (auto& t : bucket_traffic_) sum += t = spread(rng);
    for (auto& t : bucket_traffic_) t *= double(bucket_traffic_.size()) / sum;
}

std::vector<double> World::utilisation(const table::Table& table, std::uint32_t round) {
    std::vector<double> traffic(servers_.size(), 0);
    for (std::size_t b = 0; b < table.size(); ++b)
        if (table[b].first_hop < traffic.size()) traffic[table[b].first_hop] += bucket_traffic_[b];
    double capacity = 0;
    for (const auto& s : servers_) capacity += s.capacity;
    // Daily curve: a cosine between the trough and the peak (1), starting at the peak.
    const double phase = 2 * std::numbers::pi * double(round) / double(options_.rounds_per_day);
    const double daily =
        options_.daily_trough + (1 - options_.daily_trough) * (1 + std::cos(phase)) / 2;
    // The fleet's demand in "capacity units": balanced, every server would run at
    // peak_utilisation x daily.
    const double demand = options_.peak_utilisation * daily * capacity;
    std::normal_distribution<double> noise(0, options_.noise);
    std::vector<double> out(servers_.size());
    for (std::size_t i = 0; i < servers_.size(); ++i) {
        const double carried = demand * traffic[i] / double(table.size()) * (1 + noise(noise_rng_));
        out[i] = std::clamp(carried / servers_[i].capacity, 0.0, 1.0);
    }
    return out;
}

}  // namespace shoal::sim
