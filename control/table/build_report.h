// SPDX-License-Identifier: MIT
// What a build did: per-server counts and share errors, moves against the optimum, and
// what the churn guard and the move cap held back. Plain data; to_json for the daemon.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "table/table_types.h"

namespace shoal::table {

struct ServerOutcome {
    ServerIndex index = 0;
    std::string name;
    ServerState state = ServerState::active;
    std::uint32_t weight = 0;
    std::uint32_t before = 0;  // buckets whose first hop was this server in the previous table
    std::uint32_t target = 0;  // largest-remainder share (0 unless active)
    std::uint32_t after = 0;
    double exact_share = 0;  // buckets * weight / total active weight
    std::uint32_t moved_in = 0;
    std::uint32_t moved_out = 0;

    double share_error() const { return double(after) - exact_share; }
    std::int64_t off_target() const { return std::int64_t(after) - std::int64_t(target); }
};

// A server index found as a first hop in the previous table but absent from the input.
struct RemovedServer {
    ServerIndex index = 0;
    std::uint32_t before = 0;
};

struct BuildReport {
    std::uint32_t buckets = 0;
    bool first_table = false;
    std::uint64_t moved = 0;             // buckets whose first hop changed
    std::uint64_t optimal_moved = 0;     // sum of max(0, before - target), plus ownerless buckets
    std::uint64_t forced_moved = 0;      // off down/removed servers or ownerless: never held back
    std::uint64_t swap_moved = 0;        // back to the bucket's second hop: no connection lost
    std::uint64_t held_by_guard = 0;     // wanted to move, but changed within the chain window
    std::uint64_t held_by_cap = 0;       // wanted to move, but over max_moves
    std::uint32_t unowned_before = 0;    // previous first hop was kNoServer
    double max_share_error = 0;          // max over servers of |after - exact_share|
    std::vector<ServerOutcome> servers;  // by server index
    std::vector<RemovedServer> removed;  // by server index

    bool converged() const;  // every server at its target
};

void to_json(nlohmann::json& out, const ServerOutcome& server);
void to_json(nlohmann::json& out, const BuildReport& report);

}  // namespace shoal::table
