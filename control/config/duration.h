// SPDX-License-Identifier: MIT
// Durations as the config writes them: "500ms", "2s", "10m", "1h", "1m30s".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace shoal::config {

inline constexpr std::string_view kDurationExample =
    "a duration like \"500ms\", \"2s\", \"10m\" or \"1h30m\"";

// nullopt unless the text is one or more <digits><unit> groups, units ms, s, m, h in
// decreasing order, and the total fits in a year.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest text parse_duration reads back as the same value ("1m30s", "500ms", "0s").
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace shoal::config
