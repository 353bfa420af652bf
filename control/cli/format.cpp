// SPDX-License-Identifier: MIT
#include "cli/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace shoal::cli {

namespace {

// One decimal below 100 of a unit, whole numbers above; moves up a unit rather than
// printing "1000k".
template <std::size_t N>
std::string scaled(std::uint64_t value, double step, const std::array<std::string_view, N>& units,
                   std::string_view separator) {
    double scaled_value = static_cast<double>(value);
    std::size_t unit = 0;
    while (unit + 1 < N && scaled_value >= step) {
        scaled_value /= step;
        ++unit;
    }
    if (unit == 0) return fmt::format("{}{}{}", value, separator, units[0]);
    std::string text = scaled_value < 99.95 ? fmt::format("{:.1f}", scaled_value)
                                            : fmt::format("{:.0f}", scaled_value);
    if (std::round(scaled_value) >= step && unit + 1 < N) {
        scaled_value /= step;
        ++unit;
        text = fmt::format("{:.1f}", scaled_value);
    }
    return fmt::format("{}{}{}", text, separator, units[unit]);
}

}  // namespace

std::string format_count(std::uint64_t count) {
    static constexpr std::array<std::string_view, 6> kUnits{"", "k", "M", "G", "T", "P"};
    return scaled(count, 1000.0, kUnits, "");
}

std::string format_bytes(std::uint64_t bytes) {
    static constexpr std::array<std::string_view, 6> kUnits{"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    return scaled(bytes, 1024.0, kUnits, " ");
}

std::string format_percent(double fraction) { return fmt::format("{:.1f}%", fraction * 100.0); }

std::string format_delta(std::int64_t delta) {
    return delta > 0 ? fmt::format("+{}", delta) : fmt::format("{}", delta);
}

std::string format_elapsed(std::chrono::milliseconds elapsed) {
    const long long seconds = std::max<long long>(0, elapsed.count() / 1000);
    if (seconds < 60) return fmt::format("{}s", seconds);
    if (seconds < 3600) return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
    return fmt::format("{}h{:02}m{:02}s", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

using nlohmann::json;

namespace {

const json* find(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    return &*found;
}

}  // namespace

std::optional<std::string> string_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<std::uint64_t> uint_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    if (value->is_number_unsigned()) return value->get<std::uint64_t>();
    const auto signed_value = value->get<std::int64_t>();
    if (signed_value < 0) return std::nullopt;
    return static_cast<std::uint64_t>(signed_value);
}

std::optional<std::int64_t> int_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    return value->get<std::int64_t>();
}

std::optional<double> number_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_number()) return std::nullopt;
    return value->get<double>();
}

std::optional<bool> bool_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_boolean()) return std::nullopt;
    return value->get<bool>();
}

const json& array_field(const json& object, std::string_view key) {
    static const json empty = json::array();
    const auto* value = find(object, key);
    return value && value->is_array() ? *value : empty;
}

const json& object_field(const json& object, std::string_view key) {
    static const json empty = json::object();
    const auto* value = find(object, key);
    return value && value->is_object() ? *value : empty;
}

std::string text_or_dash(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value) return "-";
    return value->is_string() ? value->get<std::string>() : value->dump();
}

std::string joined(const json& array) {
    std::string out;
    for (const auto& item : array) {
        if (!out.empty()) out += ", ";
        out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
}

std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::add_row(std::vector<std::string> cells) {
    if (cells.size() != columns_.size())
        throw std::invalid_argument(
            fmt::format("table row has {} cells for {} columns", cells.size(), columns_.size()));
    rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
    std::vector<std::size_t> widths;
    for (const auto& column : columns_) widths.push_back(display_width(column.header));
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string pad(widths[i] - display_width(cells[i]), ' ');
            if (i > 0) out += "  ";
            out += columns_[i].align == Align::right ? pad + cells[i] : cells[i] + pad;
        }
        out.erase(out.find_last_not_of(' ') + 1);
        return out + "\n";
    };
    std::vector<std::string> headers;
    for (const auto& column : columns_) headers.push_back(column.header);
    std::string out = line(headers);
    for (const auto& row : rows_) out += line(row);
    return out;
}

}  // namespace shoal::cli
