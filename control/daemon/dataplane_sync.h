// SPDX-License-Identifier: MIT
#pragma once
// The agent's writes into the data plane: the fleet's records (this server, servers,
// members, services) and the tables of a published generation. Both are idempotent, so
// running them again after a restart changes nothing a packet could see.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/daemon_config.h"
#include "config/fleet_config.h"
#include "dataplane/dataplane.h"
#include "store/snapshot.h"

namespace shoal::daemon {

// Makes the maps hold exactly the fleet's records, with this agent's own data-plane settings:
// the ICMP answers' rate limit (in shoal_config) and GUE authentication's mode and keys
// (shoal_gue_auth; no entry for mode off). Services no longer configured are removed with
// their tables. Throws DataplaneError (the maps keep what was written so far; the next call
// completes it).
void write_fleet_records(const Dataplane& dp, const config::FleetConfig& fleet,
                         const config::AgentConfig& agent);

// What agent.gue_auth asks of the data plane: nullopt for mode off (no entry).
std::optional<GueAuthSettings> gue_auth_settings(const config::GueAuthConfig& auth);

struct TablesApplied {
    std::vector<std::string> published; // services whose live table changed
    std::vector<std::string> unchanged; // live table already equal: not touched
    std::vector<std::string> skipped;   // not in this agent's config, or another id (why)
};

// What this agent last published per service id, so a new generation is compared in memory;
// only a service it has not published yet (just started or adopted) is read from the map.
using AppliedTables = std::map<std::uint16_t, std::vector<shoal_bucket>>;

// Publishes every table of the snapshot whose live table differs. Throws DataplaneError;
// a table that failed leaves its live table in force.
TablesApplied apply_tables(const Dataplane& dp, const config::FleetConfig& fleet,
                           const store::Snapshot& snapshot, AppliedTables& applied_tables);

}  // namespace shoal::daemon
