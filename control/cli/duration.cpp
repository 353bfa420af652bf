// SPDX-License-Identifier: MIT
#include "cli/duration.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>

namespace shoal::cli {

namespace {

struct Unit {
    std::string_view name;
    long long ms;
};

// Longest names first so "ms" is not read as "m".
constexpr std::array<Unit, 4> kUnits{{{"ms", 1}, {"h", 3600000}, {"m", 60000}, {"s", 1000}}};

int rank(long long ms) { return ms == 3600000 ? 0 : ms == 60000 ? 1 : ms == 1000 ? 2 : 3; }

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    long long total = 0;
    int last_rank = -1;
    while (!text.empty()) {
        long long value = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || ptr == text.data() || value < 0) return std::nullopt;
        text.remove_prefix(static_cast<std::size_t>(ptr - text.data()));
        const Unit* unit = nullptr;
        for (const auto& candidate : kUnits) {
            if (text.starts_with(candidate.name)) {
                unit = &candidate;
                break;
            }
        }
        if (!unit || rank(unit->ms) <= last_rank) return std::nullopt;
        last_rank = rank(unit->ms);
        text.remove_prefix(unit->name.size());
        if (value > (1LL << 50) / unit->ms) return std::nullopt;
        total += value * unit->ms;
    }
    return std::chrono::milliseconds(total);
}

std::string format_duration(std::chrono::milliseconds duration) {
    long long left = duration.count();
    if (left == 0) return "0s";
    std::string out;
    for (const auto& [name, ms] : {std::pair{"h", 3600000LL}, std::pair{"m", 60000LL},
                                   std::pair{"s", 1000LL}, std::pair{"ms", 1LL}}) {
        if (left >= ms) {
            out += fmt::format("{}{}", left / ms, name);
            left %= ms;
        }
    }
    return out;
}

std::string format_elapsed(std::chrono::milliseconds elapsed) {
    const long long seconds = std::max<long long>(0, elapsed.count() / 1000);
    if (seconds < 60) return fmt::format("{}s", seconds);
    if (seconds < 3600) return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
    return fmt::format("{}h{:02}m{:02}s", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

}  // namespace shoal::cli
