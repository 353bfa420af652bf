// SPDX-License-Identifier: MIT
#include "metrics/metric_naming.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>

#include "base/enum_names.h"

namespace shoal::metrics {
namespace {

constexpr std::string_view kPrefix = "shoal_";

// Name words that mean a non-base unit, and the base unit to use instead.
struct UnitHint {
    std::string_view word;
    std::string_view base;
};
constexpr std::array kNonBaseUnits = {
    UnitHint{"milliseconds", "seconds"},
    UnitHint{"millis", "seconds"},
    UnitHint{"ms", "seconds"},
    UnitHint{"microseconds", "seconds"},
    UnitHint{"us", "seconds"},
    UnitHint{"nanoseconds", "seconds"},
    UnitHint{"ns", "seconds"},
    UnitHint{"minutes", "seconds"},
    UnitHint{"hours", "seconds"},
    UnitHint{"days", "seconds"},
    UnitHint{"kilobytes", "bytes"},
    UnitHint{"megabytes", "bytes"},
    UnitHint{"gigabytes", "bytes"},
    UnitHint{"kb", "bytes"},
    UnitHint{"mb", "bytes"},
    UnitHint{"gb", "bytes"},
    UnitHint{"kib", "bytes"},
    UnitHint{"mib", "bytes"},
    UnitHint{"gib", "bytes"},
    UnitHint{"bits", "bytes"},
    UnitHint{"percent", "ratio"},
    UnitHint{"percentage", "ratio"},
};

[[noreturn]] void fail(std::string_view metric, std::string_view what) {
    throw MetricsError(fmt::format("metric \"{}\": {}", metric, what));
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view to_string(MetricType type) {
    static constexpr EnumNames<MetricType, 3> kNames{{{MetricType::counter, "counter"},
                                                      {MetricType::gauge, "gauge"},
                                                      {MetricType::histogram, "histogram"}}};
    return name_of(kNames, type, "untyped");
}

void check_metric_name(std::string_view name, MetricType type) {
    if (name.substr(0, kPrefix.size()) != kPrefix || name.size() == kPrefix.size())
        fail(name, "name must start with \"shoal_\" and name something after it");
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            fail(name, fmt::format("name may hold only a-z, 0-9 and '_', found '{}'", c));
    }
    if (name.find("__") != std::string_view::npos || name.back() == '_')
        fail(name, "name may not hold \"__\" or end with '_'");

    const bool total = ends_with(name, "_total");
    if (type == MetricType::counter && !total)
        fail(name, "a counter's name must end with \"_total\"");
    if (type != MetricType::counter && total)
        fail(name, fmt::format("only counters end with \"_total\", this is a {}", to_string(type)));
    for (std::string_view suffix : {"_bucket", "_count", "_sum"}) {
        if (ends_with(name, suffix))
            fail(name, fmt::format("\"{}\" is reserved for histogram series", suffix));
    }

    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('_', start), name.size());
        const std::string_view word = name.substr(start, end - start);
        for (const UnitHint& hint : kNonBaseUnits) {
            if (word == hint.word)
                fail(name,
                     fmt::format("use base units: \"{}\" instead of \"{}\"", hint.base, hint.word));
        }
        start = end + 1;
    }
}

void check_label_names(std::string_view metric, MetricType type,
                       std::span<const std::string> label_names) {
    std::set<std::string_view> seen;
    for (const std::string& label : label_names) {
        const bool valid_start =
            !label.empty() &&
            (std::isalpha(static_cast<unsigned char>(label[0])) || label[0] == '_');
        bool valid = valid_start;
        for (char c : label)
            valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
        if (!valid)
            fail(metric, fmt::format("label name \"{}\" must match [a-zA-Z_][a-zA-Z0-9_]*", label));
        if (label.substr(0, 2) == "__")
            fail(metric,
                 fmt::format("label name \"{}\": names starting with \"__\" are reserved", label));
        if (type == MetricType::histogram && label == "le")
            fail(metric, "label name \"le\" is reserved for histogram buckets");
        if (!seen.insert(label).second)
            fail(metric, fmt::format("label name \"{}\" appears twice", label));
    }
}

void check_help(std::string_view metric, std::string_view help) {
    if (help.empty()) fail(metric, "help text must not be empty");
}

void check_buckets(std::string_view metric, std::span<const double> upper_bounds) {
    if (upper_bounds.empty()) fail(metric, "a histogram needs at least one bucket bound");
    for (std::size_t i = 0; i < upper_bounds.size(); ++i) {
        if (!std::isfinite(upper_bounds[i]))
            fail(metric, "bucket bounds must be finite (+Inf is added by itself)");
        if (i > 0 && upper_bounds[i] <= upper_bounds[i - 1])
            fail(metric, fmt::format("bucket bounds must increase: {} follows {}", upper_bounds[i],
                                     upper_bounds[i - 1]));
    }
}

}  // namespace shoal::metrics
