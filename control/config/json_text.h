// SPDX-License-Identifier: MIT
// Strict JSON parsing for config files: syntax errors with line and column, and duplicate
// object keys reported (nlohmann keeps the last one silently).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "config/config_error.h"

namespace shoal::config {

// nullopt after recording the problems in `errors`.
std::optional<nlohmann::json> parse_json_text(std::string_view text, ErrorList& errors);

}  // namespace shoal::config
