// SPDX-License-Identifier: MIT
#pragma once
// The conductor's side of the load feedback loop: every round it hands each service's pool
// (states, operator weights, the agents' load reports, the table in force) to the
// LoadController, keeps the weights it computes, and gives them to every table build of the
// service until the next round. It also answers for status and metrics.
//
// Computed weights live in memory only. When it has none for a service (a conductor start,
// or the controller just switched on) it takes them from the table in force: each server's
// bucket count, in config-weight units. So a restarted conductor moves nothing.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/fleet_config.h"
#include "daemon/table_inputs.h"
#include "load/load_controller.h"
#include "metrics/shoal_metrics.h"
#include "state/operator_state.h"
#include "store/store.h"

namespace shoal::daemon {

class LoadBalancing {
  public:
    explicit LoadBalancing(const load::ControllerSettings& settings) : controller_(settings) {}

    void set_settings(const load::ControllerSettings& settings);
    bool enabled() const noexcept { return controller_.settings().enabled; }

    // One controller round over every service. Returns whether any weight changed (then the
    // caller rebuilds). Build errors are logged; that service keeps its weights.
    bool round(const config::FleetConfig& fleet, const state::OperatorState& state,
               const HealthLookup& health, const store::Snapshot* current,
               const store::ReportsResult& reports, table::TimePoint now);

    // Puts the weights in force into a build's servers (from service_servers): computed ones
    // where there are, manual ones as the operator set them, all in builder units. Does
    // nothing (and returns false) while the controller is off.
    bool apply(const config::ServiceConfig& service, const config::FleetConfig& fleet,
               const state::OperatorState& state, const table::Table* in_force,
               std::vector<table::Server>& servers) const;

    // Adds the controller's view to GET /v1/status: per-server fields and "load_controller".
    void annotate_status(nlohmann::json& status) const;
    void collect_metrics(metrics::ShoalMetrics& metrics) const;

  private:
    struct ServiceRound {
        std::vector<load::MemberOutcome> members;
        std::optional<double> mean_utilisation;
        double step = 0;
        std::uint64_t moved = 0, move_budget = 0;
        std::string note;
        table::TimePoint at{};
    };
    using Weights = std::map<std::string, double, std::less<>>;  // server -> weight (config units)

    // The service's weights, or (none kept yet) the ones the table in force implies.
    Weights weights_for(const config::ServiceConfig& service, const config::FleetConfig& fleet,
                        const state::OperatorState& state, const table::Table* in_force) const;

    load::LoadController controller_;
    std::map<std::string, Weights, std::less<>> weights_;          // by service
    std::map<std::string, ServiceRound, std::less<>> last_round_;  // by service
    std::uint64_t rounds_ = 0;
};

}  // namespace shoal::daemon
