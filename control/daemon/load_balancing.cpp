// SPDX-License-Identifier: MIT
#include "daemon/load_balancing.h"

#include <cmath>

#include "daemon/conductor_views.h"
#include "log/logger.h"
#include "table/table_builder.h"

namespace shoal::daemon {
namespace {

using Json = nlohmann::json;

const store::AgentReport* report_of(const store::ReportsResult& reports, std::string_view server) {
    for (const auto& r : reports.reports)
        if (r.server == server) return &r;
    return nullptr;
}

std::map<table::ServerIndex, std::uint32_t> first_hop_counts(const table::Table& table) {
    std::map<table::ServerIndex, std::uint32_t> counts;
    for (const auto& b : table) ++counts[b.first_hop];
    return counts;
}

double rounded(double value, double unit) { return std::round(value / unit) * unit; }

}  // namespace

void LoadBalancing::set_settings(const load::ControllerSettings& settings) {
    if (settings.enabled != controller_.settings().enabled)
        weights_.clear();  // re-seed from the table
    controller_ = load::LoadController(settings);
}

LoadBalancing::Weights LoadBalancing::weights_for(const config::ServiceConfig& service,
                                                  const config::FleetConfig& fleet,
                                                  const state::OperatorState& state,
                                                  const table::Table* in_force) const {
    if (auto kept = weights_.find(service.name); kept != weights_.end()) return kept->second;
    Weights seeded;
    if (!in_force) return seeded;
    // Seed: weights proportional to the buckets each server holds now. The unit comes from
    // the manual weights when there are any (they are fixed), else from the config weights.
    const auto counts = first_hop_counts(*in_force);
    double manual_weight = 0, manual_buckets = 0, config_weight = 0, config_buckets = 0;
    for (const auto& name : service.pool) {
        const auto* server = fleet.find_server(name);
        if (!server) continue;
        const auto held = counts.count(server->index) ? counts.at(server->index) : 0u;
        if (held == 0) continue;
        if (auto manual = state.manual_weight(name)) {
            manual_weight += *manual;
            manual_buckets += held;
        } else {
            config_weight += server->weight;
            config_buckets += held;
        }
    }
    const double per_bucket = manual_buckets > 0   ? manual_weight / manual_buckets
                              : config_buckets > 0 ? config_weight / config_buckets
                                                   : 0;
    if (per_bucket <= 0) return seeded;
    for (const auto& name : service.pool) {
        const auto* server = fleet.find_server(name);
        if (!server || state.manual_weight(name)) continue;
        const auto held = counts.count(server->index) ? counts.at(server->index) : 0u;
        if (held > 0) seeded[name] = double(held) * per_bucket;
    }
    return seeded;
}

bool LoadBalancing::apply(const config::ServiceConfig& service, const config::FleetConfig& fleet,
                          const state::OperatorState& state, const table::Table* in_force,
                          std::vector<table::Server>& servers) const {
    if (!enabled()) return false;
    const Weights& weights = weights_for(service, fleet, state, in_force);
    for (auto& s : servers) {
        const auto it = weights.find(s.name);
        const bool computed = it != weights.end() && !state.manual_weight(s.name);
        s.weight = load::builder_weight(computed ? it->second : double(s.weight));
    }
    return true;
}

bool LoadBalancing::round(const config::FleetConfig& fleet, const state::OperatorState& state,
                          const HealthLookup& health, const store::Snapshot* current,
                          const store::ReportsResult& reports, table::TimePoint now) {
    if (!enabled()) return false;
    ++rounds_;
    bool changed = false;
    for (const auto& service : fleet.services) {
        const store::ServiceTable* stored = current ? current->find_table(service.name) : nullptr;
        std::optional<table::Table> in_force;
        if (stored && stored->service_id == service.id &&
            stored->buckets.size() == fleet.table_size())
            in_force = to_builder_table(*stored);
        if (!weights_.contains(service.name))
            log::info("load_weights_seeded",
                      {{"service", service.name}, {"from", "the table in force"}});
        Weights& weights = weights_[service.name] =
            weights_for(service, fleet, state, in_force ? &*in_force : nullptr);

        std::vector<load::PoolMember> members;
        for (const auto& s : service_servers(service, fleet, state, health)) {
            const auto* server = fleet.find_server(s.name);
            load::PoolMember m{s.name,
                               s.index,
                               s.state,
                               double(server->weight),
                               double(server->weight),
                               state.manual_weight(s.name),
                               std::nullopt};
            if (auto it = weights.find(s.name); it != weights.end()) m.weight = it->second;
            if (const auto* r = report_of(reports, s.name))
                m.report = load::UtilisationReport{r->load, r->reported_at, r->load_error};
            members.push_back(std::move(m));
        }
        // The agents' busy second hops hold buckets in the real build: count them here too.
        const auto busy = in_force ? second_hop_busy_mask(*stored, fleet, reports.reports, now)
                                   : std::vector<std::uint8_t>{};
        try {
            const load::PoolRound round =
                controller_.round({.members = members,
                                   .table = in_force ? &*in_force : nullptr,
                                   .buckets = fleet.table_size(),
                                   .now = now,
                                   .options = {.chain_window = fleet.chain_window,
                                               .chain_hold_max = fleet.chain_hold_max,
                                               .max_moves = fleet.max_moves()},
                                   .second_hop_busy = busy});
            for (const auto& o : round.members) {
                if (o.source == load::WeightSource::manual) continue;
                auto [it, added] = weights.try_emplace(o.name, o.weight);
                if (!added && load::builder_weight(it->second) != load::builder_weight(o.weight))
                    changed = true;
                it->second = o.weight;
                changed |= added;
            }
            last_round_[service.name] = {round.members,
                                         round.mean_utilisation,
                                         round.step,
                                         round.moved,
                                         round.move_budget,
                                         round.note,
                                         now};
            if (round.moved > 0 || !round.note.empty())
                log::info("load_round", {{"service", service.name},
                                         {"moved", round.moved},
                                         {"budget", round.move_budget},
                                         {"step", round.step},
                                         {"note", round.note}});
        } catch (const table::TableError& e) {
            log::warn("load_round_failed", {{"service", service.name}, {"error", e.what()}});
        }
    }
    return changed;
}

void LoadBalancing::annotate_status(Json& status) const {
    const auto& settings = controller_.settings();
    Json services = Json::array();
    for (const auto& [name, round] : last_round_) {
        Json members = Json::array();
        for (const auto& m : round.members)
            members.push_back(
                {{"name", m.name},
                 {"state", std::string(table::to_string(m.state))},
                 {"utilisation", m.utilisation ? Json(*m.utilisation) : Json(nullptr)},
                 {"weight", rounded(m.weight, 0.001)},
                 {"weight_source", load::to_string(m.source)},
                 {"held", m.held.empty() ? Json(nullptr) : Json(m.held)},
                 {"target_share", m.target_share},
                 {"buckets_before", m.buckets_before},
                 {"buckets_after", m.buckets_after}});
        services.push_back(
            {{"service", name},
             {"at", iso8601(round.at)},
             {"mean_utilisation",
              round.mean_utilisation ? Json(*round.mean_utilisation) : Json(nullptr)},
             {"moved_buckets", round.moved},
             {"move_budget", round.move_budget},
             {"step", round.step},
             {"note", round.note.empty() ? Json(nullptr) : Json(round.note)},
             {"servers", members}});
    }
    status["load_controller"] = {{"enabled", settings.enabled},
                                 {"interval_ms", settings.interval.count()},
                                 {"move_budget", settings.move_budget},
                                 {"rounds", rounds_},
                                 {"services", services}};
    if (!status.contains("servers") || !enabled()) return;
    // A server's own row shows the first service (in config order) whose pool has it.
    for (auto& server : status["servers"]) {
        const std::string name = server.value("name", "");
        for (const auto& [service, round] : last_round_) {
            const auto it = std::find_if(round.members.begin(), round.members.end(),
                                         [&](const auto& m) { return m.name == name; });
            if (it == round.members.end()) continue;
            server["utilisation"] = it->utilisation ? Json(*it->utilisation) : Json(nullptr);
            server["weight"] = rounded(it->weight, 0.001);
            server["weight_source"] = load::to_string(it->source);
            server["load_held"] = it->held.empty() ? Json(nullptr) : Json(it->held);
            server["target_share"] = it->target_share;
            server["moved_buckets"] = round.moved;
            break;
        }
    }
}

void LoadBalancing::collect_metrics(metrics::ShoalMetrics& metrics) const {
    if (!enabled()) return;
    for (const auto& [service, round] : last_round_) {
        metrics.load_moved_buckets.set({service}, double(round.moved));
        if (round.mean_utilisation)
            metrics.load_mean_utilisation.set({service}, *round.mean_utilisation);
        for (const auto& m : round.members) {
            metrics.server_weight.set({service, m.name}, m.weight);
            metrics.server_target_share.set({service, m.name}, m.target_share);
            for (auto source : {load::WeightSource::config, load::WeightSource::computed,
                                load::WeightSource::manual})
                metrics.server_weight_source.set({service, m.name, load::to_string(source)},
                                                 m.source == source ? 1 : 0);
            for (auto reason : load::kHoldReasons)
                metrics.server_load_held.set({service, m.name, load::to_string(reason)},
                                             m.hold == reason ? 1 : 0);
        }
    }
}

}  // namespace shoal::daemon
