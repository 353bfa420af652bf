// SPDX-License-Identifier: MIT
#include "daemon/stats_json.h"

#include <string>

#include "dataplane/stat_names.h"

namespace shoal::daemon {
namespace {

nlohmann::json counters_json(const StatRow& row) {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t s = 0; s < row.size(); ++s)
        if (row[s].packets || row[s].bytes)
            out[std::string(stat_name(static_cast<shoal_stat>(s)))] = {{"packets", row[s].packets},
                                                                       {"bytes", row[s].bytes}};
    return out;
}

}  // namespace

nlohmann::json stats_json(const StatsSnapshot& stats, const config::FleetConfig& fleet,
                          std::string_view self_server) {
    nlohmann::json services = nlohmann::json::array();
    for (const auto& service : fleet.services)
        services.push_back({{"service", service.name},
                            {"id", service.id},
                            {"counters", counters_json(stats.rows.at(service.id))}});
    nlohmann::json servers = nlohmann::json::array();
    for (const auto& server : fleet.servers) {
        const auto& c = stats.servers.at(server.index);
        servers.push_back({{"name", server.name},
                           {"index", server.index},
                           {"packets", c.packets},
                           {"bytes", c.bytes}});
    }
    return {{"server", std::string(self_server)},
            {"services", services},
            {"no_service", counters_json(stats.rows.at(SHOAL_STATS_ROW_NONE))},
            {"servers", servers}};
}

}  // namespace shoal::daemon
