// SPDX-License-Identifier: MIT
#pragma once
// What the table builder is given for one service: its pool with weights (manual ones win)
// and states (drained by an operator, down by health checks), and the table in force.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "config/fleet_config.h"
#include "health/health_types.h"
#include "state/operator_state.h"
#include "store/agent_report.h"
#include "store/snapshot.h"
#include "table/table_types.h"

namespace shoal::daemon {

// The health verdict for (service, server); unknown counts as up: a server is only taken
// out once its checks have failed `fall` times.
using HealthLookup =
    std::function<health::HealthState(std::string_view service, std::string_view server)>;

std::vector<table::Server> service_servers(const config::ServiceConfig& service,
                                           const config::FleetConfig& fleet,
                                           const state::OperatorState& state,
                                           const HealthLookup& health);

// The weight the builder uses and where it came from ("manual" or "config").
std::uint32_t effective_weight(const config::ServerConfig& server,
                               const state::OperatorState& state);

// Reports older than this no longer hold buckets (a dead agent cannot pin them).
inline constexpr std::chrono::seconds kBusyReportMaxAge{30};

// table::BuildInput::second_hop_busy for `stored`: 1 where the bucket's second hop, in a
// report fresher than kBusyReportMaxAge, says it still holds connections in it.
std::vector<std::uint8_t> second_hop_busy_mask(const store::ServiceTable& stored,
                                               const config::FleetConfig& fleet,
                                               const std::vector<store::AgentReport>& reports,
                                               store::TimePoint now);

table::Table to_builder_table(const store::ServiceTable& stored);
store::ServiceTable to_stored_table(const config::ServiceConfig& service,
                                    const table::Table& table);

}  // namespace shoal::daemon
