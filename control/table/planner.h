// SPDX-License-Identifier: MIT
// "What if": the table a change would produce, without applying anything.
// `shoalctl plan` prints the report.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "table/build_report.h"
#include "table/server_change.h"
#include "table/table_types.h"

namespace shoal::table {

struct ServiceSnapshot {
    std::uint32_t buckets = kDefaultTableSize;
    std::vector<Server> servers;
    const Table* table = nullptr;  // the table in force; nullptr: none yet
    TimePoint now{};
    BuildOptions options;
    std::vector<std::uint8_t> second_hop_busy;  // as BuildInput::second_hop_busy
    // Optional load estimate per server index (any unit, e.g. packets/s). Empty: no
    // projection.
    std::map<ServerIndex, double> load;
};

struct ServerLoad {
    ServerIndex index = 0;
    double current = 0;
    // Steady state: every bucket carries its current owner's load per bucket; buckets
    // without a measured owner carry the service's mean load per bucket.
    double projected = 0;
};

struct PlanReport {
    std::string change;
    BuildReport build;             // moved buckets, per-server before/after/target
    std::vector<ServerLoad> load;  // by server index; empty without a load estimate
};

// Throws TableError for a change naming an unknown server, or any build error.
PlanReport plan(const ServiceSnapshot& current, const ServerChange& change);

void to_json(nlohmann::json& out, const ServerLoad& load);
void to_json(nlohmann::json& out, const PlanReport& report);

}  // namespace shoal::table
