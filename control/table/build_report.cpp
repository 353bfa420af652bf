// SPDX-License-Identifier: MIT
#include "table/build_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace shoal::table {

bool BuildReport::converged() const {
    return std::all_of(servers.begin(), servers.end(),
                       [](const ServerOutcome& s) { return s.after == s.target; });
}

void to_json(nlohmann::json& out, const ServerOutcome& server) {
    out = nlohmann::json{
        {"index", server.index},
        {"name", server.name},
        {"state", to_string(server.state)},
        {"weight", server.weight},
        {"before", server.before},
        {"target", server.target},
        {"after", server.after},
        {"exact_share", server.exact_share},
        {"share_error", server.share_error()},
        {"off_target", server.off_target()},
        {"moved_in", server.moved_in},
        {"moved_out", server.moved_out},
    };
}

void to_json(nlohmann::json& out, const BuildReport& report) {
    nlohmann::json removed = nlohmann::json::array();
    for (const RemovedServer& r : report.removed)
        removed.push_back({{"index", r.index}, {"before", r.before}});
    out = nlohmann::json{
        {"buckets", report.buckets},
        {"first_table", report.first_table},
        {"moved", report.moved},
        {"optimal_moved", report.optimal_moved},
        {"forced_moved", report.forced_moved},
        {"swap_moved", report.swap_moved},
        {"held_by_guard", report.held_by_guard},
        {"held_by_cap", report.held_by_cap},
        {"unowned_before", report.unowned_before},
        {"max_share_error", report.max_share_error},
        {"converged", report.converged()},
        {"servers", report.servers},
        {"removed", std::move(removed)},
    };
}

}  // namespace shoal::table
