// SPDX-License-Identifier: MIT
// Durations as the config and the command line write them: "500ms", "2s", "10m", "1h",
// "1m30s". One grammar for both (docs/config.md): one or more <digits><unit> groups, units
// h, m, s, ms in decreasing order, no fractions, no bare numbers, at most a year.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace shoal {

inline constexpr std::string_view kDurationExample =
    "a duration like \"500ms\", \"2s\", \"10m\" or \"1h30m\"";

// nullopt unless `text` follows the grammar above ("90", "1.5s", "30s2m", "-1s" do not).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest text parse_duration reads back as the same value: 90000ms → "1m30s",
// 500ms → "500ms", 0 → "0s".
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace shoal
