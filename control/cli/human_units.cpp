// SPDX-License-Identifier: MIT
#include "cli/human_units.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
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

}  // namespace shoal::cli
