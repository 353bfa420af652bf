// SPDX-License-Identifier: MIT
// Severity of a log line, and the flag text that names it (--log-level=debug|info|warn|error).
#pragma once

#include <string_view>

namespace shoal::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

std::string_view to_string(Level level);

// Throws std::invalid_argument naming the text and the accepted values.
Level parse_level(std::string_view text);

}  // namespace shoal::log
