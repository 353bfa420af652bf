// SPDX-License-Identifier: MIT
// Text for people: numbers in human units, the daemon's JSON read without trusting it, and
// aligned columns.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shoal::cli {

// Numbers for people: packet counts in SI steps (1.2M), bytes in binary steps (3.4 GiB),
// fractions as percentages, signed changes.

// 999 → "999", 1234 → "1.2k", 123456 → "123k", 1234567 → "1.2M".
std::string format_count(std::uint64_t count);

// 740 → "740 B", 4000 → "3.9 KiB", 98765432 → "94.2 MiB".
std::string format_bytes(std::uint64_t bytes);

// 0.2312 → "23.1%".
std::string format_percent(double fraction);

// 5462 → "+5462", -16384 → "-16384", 0 → "0".
std::string format_delta(std::int64_t delta);

// Whole seconds for progress displays: 12s, 2m05s, 1h02m03s.
std::string format_elapsed(std::chrono::milliseconds elapsed);

// Reading the daemon's JSON for display without trusting it: a field that is absent, null
// or of another type reads as "nothing" (shown as "-"), never as an exception mid-table.

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

// Aligned columns like ipvsadm and kubectl print: upper-case headers, two spaces between
// columns, numbers right-aligned, no trailing spaces.

enum class Align { left, right };

struct Column {
    std::string header;
    Align align = Align::left;
};

class TextTable {
  public:
    explicit TextTable(std::vector<Column> columns);

    // Throws std::invalid_argument when the row has another number of cells.
    void add_row(std::vector<std::string> cells);
    bool empty() const noexcept { return rows_.empty(); }

    // Header and rows, each line ending in '\n'.
    std::string render() const;

  private:
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

// Display width in terminal columns, counting each UTF-8 code point as one.
std::size_t display_width(const std::string& text);

}  // namespace shoal::cli
