// SPDX-License-Identifier: MIT
// shoalctl's views: the daemon's JSON answers (docs/api.md) in, text for people out. Each
// reads its answer without trusting it (cli/format.h), so a missing field shows as "-".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace shoal::cli {

// One-line answers to the operator verbs: drain, undrain, weight, reload, detach.

enum class ServerChange { drain, undrain, set_weight, clear_weight };

// {"server", "changed", "generation"} → "srv2 is draining (generation 43)"; weight is the
// value asked for (set_weight only).
std::string format_server_change(ServerChange change, const nlohmann::json& answer,
                                 std::optional<std::uint64_t> weight = std::nullopt);

// {"reloaded", "config"} → "config reloaded from /etc/shoal/shoal.json".
std::string format_reload(const nlohmann::json& answer);

// {"detached": ["eth0"]} → "detached the XDP program from eth0; the data plane is stopped".
std::string format_detach(const nlohmann::json& answer);

// `shoalctl status` for people: the daemon line, services, servers (state, health, weight,
// buckets, load, traffic, established connections) with a summary, and the local agent.
// GET /v1/status → text (docs/api.md).
std::string format_status(const nlohmann::json& status);

// The cluster lines of `shoalctl status` (cluster mode, the etcd store): which conductor
// leads, whether this shoald reaches etcd, and etcd as each agent last reported it. Empty for
// a single-machine setup with the file store. From GET /v1/status's "cluster" and "store"
// (docs/api.md).
std::string cluster_lines(const nlohmann::json& status);

// `shoalctl plan` for people: per service, how many buckets a change would move (against
// the optimum) and each server's buckets and load before and after. Nothing is applied.
// POST /v1/plan → text (docs/api.md).
std::string format_plan(const nlohmann::json& plan);

// `shoalctl table` for people: each service's first-hop bucket counts per server, and with
// --diff what moved since an earlier generation.
// GET /v1/table → text (docs/api.md).
std::string format_table(const nlohmann::json& table);

// `shoalctl stats` for people: the agent's data-plane counters per service, those for
// packets matching no service, and traffic per server.
// GET /v1/stats → text (docs/api.md).
std::string format_stats(const nlohmann::json& stats);

}  // namespace shoal::cli
