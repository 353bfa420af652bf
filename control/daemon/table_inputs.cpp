// SPDX-License-Identifier: MIT
#include "daemon/table_inputs.h"

namespace shoal::daemon {
namespace {

table::ServerIndex from_hop(std::uint16_t hop) {
    return hop == SHOAL_NO_SERVER ? table::kNoServer : table::ServerIndex(hop);
}

std::uint16_t to_hop(table::ServerIndex index) {
    return index == table::kNoServer ? std::uint16_t(SHOAL_NO_SERVER) : std::uint16_t(index);
}

}  // namespace

std::uint32_t effective_weight(const config::ServerConfig& server,
                               const state::OperatorState& state) {
    return state.manual_weight(server.name).value_or(server.weight);
}

std::vector<table::Server> service_servers(const config::ServiceConfig& service,
                                           const config::FleetConfig& fleet,
                                           const state::OperatorState& state,
                                           const HealthLookup& health) {
    std::vector<table::Server> servers;
    for (const auto& name : service.pool) {
        const auto* server = fleet.find_server(name);
        if (!server) continue;  // the config validator refuses this; be safe anyway
        table::Server s;
        s.index = server->index;
        s.name = server->name;
        s.weight = effective_weight(*server, state);
        if (health(service.name, server->name) == health::HealthState::down)
            s.state = table::ServerState::down;
        else if (state.is_drained(server->name))
            s.state = table::ServerState::draining;
        servers.push_back(std::move(s));
    }
    return servers;
}

std::vector<std::uint8_t> second_hop_busy_mask(const store::ServiceTable& stored,
                                               const config::FleetConfig& fleet,
                                               const std::vector<store::AgentReport>& reports,
                                               store::TimePoint now) {
    std::vector<std::uint8_t> mask;
    for (const auto& report : reports) {
        const auto busy = report.second_hop_busy.find(stored.service);
        if (busy == report.second_hop_busy.end() || now - report.reported_at > kBusyReportMaxAge)
            continue;
        const auto* server = fleet.find_server(report.server);
        if (!server) continue;
        for (const auto bucket : busy->second) {
            if (bucket >= stored.buckets.size() ||
                stored.buckets[bucket].second_hop != server->index)
                continue;
            if (mask.empty()) mask.assign(stored.buckets.size(), 0);
            mask[bucket] = 1;
        }
    }
    return mask;
}

table::Table to_builder_table(const store::ServiceTable& stored) {
    table::Table out(stored.buckets.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto& b = stored.buckets[i];
        out[i] = {from_hop(b.first_hop), from_hop(b.second_hop), b.changed};
    }
    return out;
}

store::ServiceTable to_stored_table(const config::ServiceConfig& service,
                                    const table::Table& table) {
    store::ServiceTable out;
    out.service = service.name;
    out.service_id = service.id;
    out.buckets.resize(table.size());
    for (std::size_t i = 0; i < table.size(); ++i)
        out.buckets[i] = {to_hop(table[i].first_hop), to_hop(table[i].second_hop),
                          table[i].changed};
    return out;
}

}  // namespace shoal::daemon
