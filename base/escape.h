// SPDX-License-Identifier: MIT
// Escaping by table: each listed character replaced by its text, every other kept. The
// Prometheus exposition (label values, HELP), JSON pointers and the like each give a table.
//   escape_chars(value, {{'\\', "\\\\"}, {'"', "\\\""}, {'\n', "\\n"}})
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace shoal {

inline std::string escape_chars(
    std::string_view text, std::initializer_list<std::pair<char, std::string_view>> replacements) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        std::string_view replacement;
        for (const auto& [from, to] : replacements)
            if (c == from) replacement = to;
        if (replacement.empty())
            out += c;
        else
            out += replacement;
    }
    return out;
}

}  // namespace shoal
