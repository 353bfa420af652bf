// SPDX-License-Identifier: MIT
// `shoalctl plan` for people: per service, how many buckets a change would move (against
// the optimum) and each server's buckets and load before and after. Nothing is applied.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace shoal::cli {

// POST /v1/plan → text (docs/api.md).
std::string format_plan(const nlohmann::json& plan);

}  // namespace shoal::cli
