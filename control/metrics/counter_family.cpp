// SPDX-License-Identifier: MIT
#include "metrics/counter_family.h"

#include <fmt/format.h>

#include <cmath>

#include "metrics/metrics_error.h"

namespace shoal::metrics {

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : ScalarFamily(std::move(name), std::move(help), MetricType::counter, std::move(label_names)) {
    add_unlabelled_series();
}

void CounterFamily::inc(const LabelValues& labels, double delta) {
    check_labels(labels);
    if (!std::isfinite(delta) || delta < 0)
        throw MetricsError(
            fmt::format("metric \"{}\": counter increment must be finite and "
                        ">= 0, got {}",
                        name(), delta));
    std::lock_guard lock(mutex_);
    series(labels) += delta;
}

void CounterFamily::set_total(const LabelValues& labels, double total) {
    check_labels(labels);
    if (!std::isfinite(total) || total < 0)
        throw MetricsError(
            fmt::format("metric \"{}\": counter total must be finite and >= 0, "
                        "got {}",
                        name(), total));
    std::lock_guard lock(mutex_);
    series(labels) = total;
}

}  // namespace shoal::metrics
