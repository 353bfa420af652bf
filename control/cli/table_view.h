// SPDX-License-Identifier: MIT
// `shoalctl table` for people: each service's first-hop bucket counts per server, and with
// --diff what moved since an earlier generation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shoal::cli {

// GET /v1/table → text (docs/api.md).
std::string format_table(const nlohmann::json& table);

}  // namespace shoal::cli
