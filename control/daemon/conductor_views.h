// SPDX-License-Identifier: MIT
#pragma once
// The JSON the conductor answers with (docs/api.md): status, table (with a diff against an
// earlier generation) and plan. Pure functions of their inputs, so they are easy to test.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/fleet_config.h"
#include "daemon/table_inputs.h"
#include "state/operator_state.h"
#include "store/store.h"

namespace shoal::daemon {

std::string iso8601(store::TimePoint t);

// "servers", "services" and "generation" of GET /v1/status. `current` may be null.
nlohmann::json status_view(const config::FleetConfig& fleet, const store::Snapshot* current,
                           const state::OperatorState& state, const HealthLookup& health,
                           const store::ReportsResult& reports);

// GET /v1/table. Throws OperatorError(not_found) for an unknown service.
nlohmann::json table_view(const store::Snapshot& current, const store::Snapshot* before,
                          const config::FleetConfig& fleet,
                          const std::optional<std::string>& service);

// POST /v1/plan: {"change": "drain"|"undrain"|"weight", "server": NAME, "weight": W}.
// Throws OperatorError(bad_request / not_found).
// `weights`, when set, puts the weights in force (the load controller's) into each build and
// says whether they are in builder units (then the plan's own weight is scaled to match).
using WeightOverlay = std::function<bool(const config::ServiceConfig&, const table::Table* in_force,
                                         std::vector<table::Server>& servers)>;
nlohmann::json plan_view(const nlohmann::json& request, const config::FleetConfig& fleet,
                         const state::OperatorState& state, const HealthLookup& health,
                         const store::Snapshot* current, const store::ReportsResult& reports,
                         const WeightOverlay& weights = {});

}  // namespace shoal::daemon
