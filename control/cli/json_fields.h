// SPDX-License-Identifier: MIT
// Reading the daemon's JSON for display without trusting it: a field that is absent, null
// or of another type reads as "nothing" (shown as "-"), never as an exception mid-table.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace shoal::cli {

std::optional<std::string> string_field(const nlohmann::json& object, std::string_view key);
std::optional<std::uint64_t> uint_field(const nlohmann::json& object, std::string_view key);
std::optional<std::int64_t> int_field(const nlohmann::json& object, std::string_view key);
std::optional<double> number_field(const nlohmann::json& object, std::string_view key);
std::optional<bool> bool_field(const nlohmann::json& object, std::string_view key);
// The array, or an empty one.
const nlohmann::json& array_field(const nlohmann::json& object, std::string_view key);
// The object, or an empty one.
const nlohmann::json& object_field(const nlohmann::json& object, std::string_view key);

// "-" for nothing, else the value as text (numbers exact).
std::string text_or_dash(const nlohmann::json& object, std::string_view key);

// Array elements joined with ", " (strings bare, other values as JSON).
std::string joined(const nlohmann::json& array);

}  // namespace shoal::cli
