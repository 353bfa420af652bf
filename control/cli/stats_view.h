// SPDX-License-Identifier: MIT
// `shoalctl stats` for people: the agent's data-plane counters per service, those for
// packets matching no service, and traffic per server.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shoal::cli {

// GET /v1/stats → text (docs/api.md).
std::string format_stats(const nlohmann::json& stats);

}  // namespace shoal::cli
