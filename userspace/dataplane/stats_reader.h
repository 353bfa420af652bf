// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "dataplane/bpf_map.h"
#include "shoal_abi.h"

namespace shoal {

using StatRow = std::array<shoal_counter, SHOAL_STAT_MAX>;  // indexed by enum shoal_stat

// Every counter, summed over CPUs.
struct StatsSnapshot {
    // SHOAL_MAX_SERVICES + 1 rows: a row per service id, then SHOAL_STATS_ROW_NONE.
    std::vector<StatRow> rows;
    // Per target server index: what this server encapsulated to it.
    std::vector<shoal_counter> servers;

    shoal_counter total(shoal_stat stat) const;  // over all rows
};

// Reads the per-CPU counter maps (shoal_stats, shoal_srv_stats) and sums over the possible
// CPUs. Reading never resets: rates are differences between snapshots.
class StatsReader {
  public:
    StatsReader(const BpfMap& stats, const BpfMap& server_stats);

    StatsSnapshot read() const;
    StatRow read_row(std::uint32_t row) const;  // service id or SHOAL_STATS_ROW_NONE
    shoal_counter read_server(std::uint32_t server_index) const;

    static unsigned possible_cpus();

  private:
    const BpfMap& stats_;
    const BpfMap& server_stats_;
    unsigned cpus_;
};

}  // namespace shoal
