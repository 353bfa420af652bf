// SPDX-License-Identifier: MIT
// The simulated data centre: servers of three hardware generations, traffic hashed into the
// table's buckets (each bucket carries its own, fixed share of flows), a daily curve and
// per-round noise. A server's CPU = the traffic its buckets carry / its capacity.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "table/table_types.h"

namespace shoal::sim {

struct Generation {
    std::string name;
    double capacity = 1;
};

struct SimServer {
    std::string name;
    table::ServerIndex index = 0;
    std::size_t generation = 0;
    double capacity = 1;
};

struct WorldOptions {
    std::uint32_t servers = 100;
    std::uint32_t table_bits = 16;
    std::uint64_t seed = 1;
    double peak_utilisation = 0.6;       // the fleet's mean CPU at the daily peak, if balanced
    double daily_trough = 0.6;           // traffic at the trough, relative to the peak
    std::uint32_t rounds_per_day = 360;  // the daily curve's period in rounds (compressed)
    double noise = 0.01;                 // per-server, per-round traffic noise (relative, sigma)
    double bucket_spread = 0.3;          // per-bucket traffic variation (lognormal sigma)
};

class World {
  public:
    World(const WorldOptions& options, std::vector<Generation> generations);

    const std::vector<SimServer>& servers() const { return servers_; }
    std::vector<SimServer>& servers() { return servers_; }
    const std::vector<Generation>& generations() const { return generations_; }
    std::uint32_t buckets() const { return 1u << options_.table_bits; }

    // Every server's CPU utilisation (0..1, saturating) in round `round` with `table`.
    std::vector<double> utilisation(const table::Table& table, std::uint32_t round);

  private:
    WorldOptions options_;
    std::vector<Generation> generations_;
    std::vector<SimServer> servers_;
    std::vector<double> bucket_traffic_;  // mean 1
    std::mt19937_64 noise_rng_;
};

}  // namespace shoal::sim
