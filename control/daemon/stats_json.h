// SPDX-License-Identifier: MIT
#pragma once
// GET /v1/stats: the data plane's counters by service and by target server (docs/api.md).

#include <nlohmann/json.hpp>
#include <string_view>

#include "config/fleet_config.h"
#include "dataplane/stats_reader.h"

namespace shoal::daemon {

nlohmann::json stats_json(const StatsSnapshot& stats, const config::FleetConfig& fleet,
                          std::string_view self_server);

}  // namespace shoal::daemon
