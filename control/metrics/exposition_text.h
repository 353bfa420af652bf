// SPDX-License-Identifier: MIT
// Pieces of the Prometheus text exposition format, version 0.0.4.
#pragma once

#include <string>
#include <string_view>

namespace shoal::metrics {

inline constexpr std::string_view kExpositionContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// Label values escape backslash, double quote and newline.
std::string escape_label_value(std::string_view value);
// HELP text escapes backslash and newline.
std::string escape_help(std::string_view help);
// Shortest text that reads back as the same double; integers without a fraction;
// "+Inf", "-Inf", "NaN" as the format spells them.
std::string format_sample_value(double value);

}  // namespace shoal::metrics
