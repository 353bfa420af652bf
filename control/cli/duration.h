// SPDX-License-Identifier: MIT
// Durations on the command line: "30s", "2m", "500ms", "1h", "1m30s".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace shoal::cli {

// nullopt when text is not one or more <integer><unit> parts (units h, m, s, ms) in
// decreasing order, e.g. "90" (no unit), "1.5s", "30s2m".
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The exact value in the fewest parts: 90000ms → "1m30s", 500ms → "500ms", 0 → "0s".
std::string format_duration(std::chrono::milliseconds duration);

// Whole seconds for progress displays: 12s, 2m05s, 1h02m03s.
std::string format_elapsed(std::chrono::milliseconds elapsed);

}  // namespace shoal::cli
