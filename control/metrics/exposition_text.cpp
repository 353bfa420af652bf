// SPDX-License-Identifier: MIT
#include "metrics/exposition_text.h"

#include <fmt/format.h>

#include <cmath>

namespace shoal::metrics {

std::string escape_label_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string escape_help(std::string_view help) {
    std::string out;
    out.reserve(help.size());
    for (char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string format_sample_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    // Exact integers (counters, generations, bucket counts) print without an exponent.
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
        return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{}", value);
}

}  // namespace shoal::metrics
