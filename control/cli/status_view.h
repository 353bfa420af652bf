// SPDX-License-Identifier: MIT
// `shoalctl status` for people: the daemon line, services, servers (state, health, weight,
// buckets, load, traffic, established connections) with a summary, and the local agent.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shoal::cli {

// GET /v1/status → text (docs/api.md).
std::string format_status(const nlohmann::json& status);

}  // namespace shoal::cli
