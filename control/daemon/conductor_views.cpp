// SPDX-License-Identifier: MIT
#include "daemon/conductor_views.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <map>

#include "daemon/conductor.h"
#include "load/load_controller.h"
#include "table/planner.h"

namespace shoal::daemon {
namespace {

using Json = nlohmann::json;

std::map<std::uint16_t, std::uint64_t> first_hop_counts(const store::ServiceTable& table) {
    std::map<std::uint16_t, std::uint64_t> counts;
    for (const auto& b : table.buckets) ++counts[b.first_hop];
    return counts;
}

const store::AgentReport* find_report(const store::ReportsResult& reports, std::string_view server) {
    for (const auto& r : reports.reports)
        if (r.server == server) return &r;
    return nullptr;
}

// A server's state across the services it serves: drained by an operator, or down when
// any of its health checks says so.
std::pair<std::string, std::string> state_and_health(const config::FleetConfig& fleet,
                                                     const config::ServerConfig& server,
                                                     const state::OperatorState& state,
                                                     const HealthLookup& health) {
    bool any_down = false, any_check = false, all_up = true;
    for (const auto& service : fleet.services) {
        if (!service.health_check) continue;
        if (std::find(service.pool.begin(), service.pool.end(), server.name) == service.pool.end()) continue;
        any_check = true;
        auto h = health(service.name, server.name);
        any_down |= h == health::HealthState::down;
        all_up &= h == health::HealthState::up;
    }
    std::string h = any_down ? "down" : (any_check && all_up) ? "up" : "unknown";
    std::string s = state.is_drained(server.name) ? "draining" : any_down ? "down" : "active";
    return {s, h};
}

Json addresses(const std::vector<config::Address>& list) {
    Json out = Json::array();
    for (const auto& a : list) out.push_back(a.to_string());
    return out;
}

// One service's entry of POST /v1/plan, in the flat shape docs/api.md gives.
Json plan_entry(const std::string& service, const table::PlanReport& report, const config::FleetConfig& fleet,
                bool scaled_weights) {
    auto name_of = [&](table::ServerIndex index) -> std::string {
        for (const auto& s : fleet.servers)
            if (s.index == index) return s.name;
        return std::to_string(index);
    };
    Json servers = Json::array();
    for (const auto& s : report.build.servers)
        servers.push_back({{"name", s.name}, {"index", s.index}, {"state", std::string(table::to_string(s.state))},
                           {"weight", scaled_weights ? Json(s.weight / load::kBuilderWeightScale) : Json(s.weight)},
                           {"before", s.before}, {"after", s.after}, {"target", s.target}});
    Json load = Json::array();
    for (const auto& l : report.load)
        load.push_back({{"name", name_of(l.index)}, {"index", l.index}, {"current", l.current}, {"projected", l.projected}});
    return {{"service", service},
            {"moved", report.build.moved},
            {"optimal_moved", report.build.optimal_moved},
            {"held_by_guard", report.build.held_by_guard},
            {"held_by_cap", report.build.held_by_cap},
            {"servers", servers},
            {"load", load}};
}

}  // namespace

std::string iso8601(store::TimePoint t) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::time_point_cast<std::chrono::seconds>(t));
}

Json status_view(const config::FleetConfig& fleet, const store::Snapshot* current,
                 const state::OperatorState& state, const HealthLookup& health,
                 const store::ReportsResult& reports) {
    std::map<std::uint16_t, std::uint64_t> buckets;
    if (current)
        for (const auto& table : current->tables)
            for (const auto& [hop, n] : first_hop_counts(table)) buckets[hop] += n;

    Json servers = Json::array();
    for (const auto& server : fleet.servers) {
        auto [s, h] = state_and_health(fleet, server, state, health);
        auto manual = state.manual_weight(server.name);
        Json entry = {{"name", server.name},
                      {"index", server.index},
                      {"state", s},
                      {"health", h},
                      {"weight", manual.value_or(server.weight)},
                      {"weight_source", manual ? "manual" : "config"},
                      {"buckets", buckets[server.index]}};
        if (const auto* r = find_report(reports, server.name)) {
            entry["load"] = r->load;
            entry["packets"] = r->packets;
            entry["bytes"] = r->bytes;
            entry["established"] = r->established;
            entry["applied_generation"] = r->applied_generation;
            entry["reported_at"] = iso8601(r->reported_at);
            std::size_t busy = 0;
            for (const auto& [service, list] : r->second_hop_busy) busy += list.size();
            entry["second_hop_busy"] = busy;
            entry["mtu"] = r->mtu ? r->mtu->to_json() : Json(nullptr);  // null: an agent too old to say
        } else {
            for (const char* key : {"load", "packets", "bytes", "established", "applied_generation",
                                    "reported_at", "second_hop_busy", "mtu"})
                entry[key] = nullptr;
        }
        servers.push_back(std::move(entry));
    }
    Json services = Json::array();
    for (const auto& service : fleet.services)
        services.push_back({{"name", service.name},
                            {"id", service.id},
                            {"protocol", std::string(config::to_string(service.protocol))},
                            {"vips", addresses(service.vips)},
                            {"ports", service.ports},
                            {"buckets", fleet.table_size()}});
    return {{"generation", current ? Json(current->generation) : Json(nullptr)},
            {"services", services},
            {"servers", servers}};
}

Json table_view(const store::Snapshot& current, const store::Snapshot* before,
                const config::FleetConfig& fleet, const std::optional<std::string>& service) {
    if (service && !current.find_table(*service))
        throw OperatorError(OperatorError::Kind::not_found, fmt::format("no table for service '{}'", *service));
    Json services = Json::array();
    for (const auto& table : current.tables) {
        if (service && table.service != *service) continue;
        auto now = first_hop_counts(table);
        const auto* old = before ? before->find_table(table.service) : nullptr;
        std::map<std::uint16_t, std::uint64_t> then;
        std::uint64_t moved = 0;
        if (old) {
            then = first_hop_counts(*old);
            if (old->buckets.size() == table.buckets.size())
                for (std::size_t i = 0; i < table.buckets.size(); ++i)
                    moved += old->buckets[i].first_hop != table.buckets[i].first_hop;
            else
                moved = table.buckets.size();
        }
        Json servers = Json::array();
        for (const auto& server : fleet.servers) {
            auto n = now.count(server.index) ? now[server.index] : 0;
            auto b = then.count(server.index) ? then[server.index] : 0;
            if (!n && !b) continue;
            Json entry = {{"name", server.name}, {"index", server.index}, {"buckets", n}};
            if (before) {
                entry["before"] = b;
                entry["delta"] = std::int64_t(n) - std::int64_t(b);
            }
            servers.push_back(std::move(entry));
        }
        Json entry = {{"service", table.service}, {"id", table.service_id},
                      {"buckets", table.buckets.size()}, {"servers", servers}};
        if (before) entry["moved"] = moved;
        services.push_back(std::move(entry));
    }
    Json out = {{"generation", current.generation}, {"services", services}};
    if (before) out["diff_generation"] = before->generation;
    return out;
}

Json plan_view(const Json& request, const config::FleetConfig& fleet, const state::OperatorState& state,
               const HealthLookup& health, const store::Snapshot* current,
               const store::ReportsResult& reports, const WeightOverlay& weights) {
    auto bad = [](const std::string& m) { return OperatorError(OperatorError::Kind::bad_request, m); };
    if (!request.is_object() || !request.contains("change") || !request["change"].is_string())
        throw bad("plan needs {\"change\": \"drain\"|\"undrain\"|\"weight\", \"server\": NAME}");
    if (!request.contains("server") || !request["server"].is_string()) throw bad("plan needs \"server\": NAME");
    const std::string change_name = request["change"];
    const std::string server_name = request["server"];
    const auto* server = fleet.find_server(server_name);
    if (!server) throw OperatorError(OperatorError::Kind::not_found, fmt::format("no server named '{}'", server_name));

    table::ServerChange change;
    if (change_name == "drain") {
        change = table::DrainServer{server->index};
    } else if (change_name == "undrain") {
        change = table::UndrainServer{server->index};
    } else if (change_name == "weight") {
        if (!request.contains("weight") || !request["weight"].is_number_unsigned())
            throw bad("plan weight needs \"weight\": a whole number >= 0");
        change = table::SetServerWeight{server->index, request["weight"].get<std::uint32_t>()};
    } else {
        throw bad(fmt::format("unknown change '{}'; expected drain, undrain or weight", change_name));
    }

    std::map<table::ServerIndex, double> load;
    for (const auto& s : fleet.servers)
        if (const auto* r = find_report(reports, s.name)) load[s.index] = r->load;

    Json services = Json::array();
    for (const auto& service : fleet.services) {
        if (std::find(service.pool.begin(), service.pool.end(), server_name) == service.pool.end()) continue;
        const auto* stored = current ? current->find_table(service.name) : nullptr;
        std::optional<table::Table> table;
        if (stored && stored->buckets.size() == fleet.table_size()) table = to_builder_table(*stored);
        auto servers = service_servers(service, fleet, state, health);
        const bool scaled = weights && weights(service, table ? &*table : nullptr, servers);
        table::ServerChange scaled_change = change;
        if (auto* w = std::get_if<table::SetServerWeight>(&scaled_change); w && scaled)
            w->weight = load::builder_weight(w->weight);
        table::ServiceSnapshot snapshot{.buckets = fleet.table_size(),
                                        .servers = std::move(servers),
                                        .table = table ? &*table : nullptr,
                                        .now = store::now_ms(),
                                        .options = {.chain_window = fleet.chain_window,
                                                    .chain_hold_max = fleet.chain_hold_max,
                                                    .max_moves = fleet.max_moves()},
                                        .second_hop_busy = stored && table ? second_hop_busy_mask(
                                                               *stored, fleet, reports.reports, store::now_ms())
                                                                           : std::vector<std::uint8_t>{},
                                        .load = load};
        try {
            auto report = table::plan(snapshot, scaled_change);
            services.push_back(plan_entry(service.name, report, fleet, scaled));
        } catch (const table::TableError& e) {
            services.push_back({{"service", service.name}, {"error", e.what()}});
        }
    }
    std::string text = change_name + " " + server_name;
    if (change_name == "weight") text += " " + std::to_string(request["weight"].get<std::uint32_t>());
    return {{"change", text}, {"services", services}};
}

}  // namespace shoal::daemon
