// SPDX-License-Identifier: MIT
// The text of an enum's values, written once as a table and read both ways, instead of a
// switch for to_string and a chain of ifs for parsing:
//   constexpr EnumNames<ServerState, 3> kStateNames{
//       {{ServerState::active, "active"}, {ServerState::draining, "draining"},
//        {ServerState::down, "down"}}};
//   std::string_view to_string(ServerState s) { return name_of(kStateNames, s); }
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace shoal {

template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The value's text; `fallback` for a value the table does not list (a corrupt value).
template <class Enum, std::size_t N>
constexpr std::string_view name_of(const EnumNames<Enum, N>& names, Enum value,
                                   std::string_view fallback = "unknown") {
    for (const auto& [candidate, name] : names)
        if (candidate == value) return name;
    return fallback;
}

// The value whose text is `text`; nullopt for any other text.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const EnumNames<Enum, N>& names, std::string_view text) {
    for (const auto& [value, name] : names)
        if (name == text) return value;
    return std::nullopt;
}

// "active, draining or down": what an error message says is accepted.
template <class Enum, std::size_t N>
std::string names_list(const EnumNames<Enum, N>& names) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0) out += i + 1 == N ? " or " : ", ";
        out += names[i].second;
    }
    return out;
}

}  // namespace shoal
