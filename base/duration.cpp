// SPDX-License-Identifier: MIT
#include "base/duration.h"

#include <array>
#include <cstdint>

namespace shoal {

namespace {

struct Unit {
    std::string_view name;
    std::int64_t ms;
    int rank;  // larger units first: h, m, s, ms
};

// Longest names first so "ms" is not read as "m".
constexpr std::array<Unit, 4> kUnits{
    {{"h", 3'600'000, 0}, {"ms", 1, 3}, {"m", 60'000, 1}, {"s", 1000, 2}}};
constexpr std::array<Unit, 4> kUnitsByRank{
    {{"h", 3'600'000, 0}, {"m", 60'000, 1}, {"s", 1000, 2}, {"ms", 1, 3}}};
constexpr std::int64_t kMaxMs = 366LL * 24 * 3'600'000;

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::int64_t total = 0;
    int last_rank = -1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::int64_t number = 0;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            number = number * 10 + (text[pos] - '0');
            if (number > kMaxMs) return std::nullopt;
            ++pos;
        }
        if (pos == digits_start) return std::nullopt;
        const Unit* unit = nullptr;
        for (const auto& u : kUnits)
            if (text.substr(pos, u.name.size()) == u.name) {
                unit = &u;
                break;
            }
        if (unit == nullptr || unit->rank <= last_rank) return std::nullopt;
        last_rank = unit->rank;
        pos += unit->name.size();
        total += number * unit->ms;
        if (total > kMaxMs) return std::nullopt;
    }
    return std::chrono::milliseconds(total);
}

std::string format_duration(std::chrono::milliseconds duration) {
    std::int64_t left = duration.count();
    if (left == 0) return "0s";
    std::string text;
    if (left < 0) {
        text = "-";
        left = -left;
    }
    for (const auto& unit : kUnitsByRank) {
        if (left >= unit.ms) {
            text += std::to_string(left / unit.ms);
            text += unit.name;
            left %= unit.ms;
        }
    }
    return text;
}

}  // namespace shoal
