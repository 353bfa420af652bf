// SPDX-License-Identifier: MIT
// The naming rules every Shoal metric follows, checked when a family is registered:
// "shoal_" prefix, lower_snake_case, counters end in "_total" (and nothing else does),
// base units only (seconds, bytes, ratios: never milliseconds, kilobytes or percent).
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shoal::metrics {

// A metric misused or misdefined (bad name, wrong label count, negative counter increment);
// the message names the metric.
class MetricsError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class MetricType { counter, gauge, histogram };

std::string_view to_string(MetricType type);

// Each throws MetricsError naming the metric and the broken rule.
void check_metric_name(std::string_view name, MetricType type);
void check_label_names(std::string_view metric, MetricType type,
                       std::span<const std::string> label_names);
void check_help(std::string_view metric, std::string_view help);
// Finite and strictly increasing; "+Inf" is implied and must not be listed.
void check_buckets(std::string_view metric, std::span<const double> upper_bounds);

}  // namespace shoal::metrics
