// SPDX-License-Identifier: MIT
#include "metrics/gauge_family.h"


namespace shoal::metrics {

GaugeFamily::GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : ScalarFamily(std::move(name), std::move(help), MetricType::gauge, std::move(label_names)) {
    add_unlabelled_series();
}

void GaugeFamily::set(const LabelValues& labels, double value) {
    check_labels(labels);
    std::lock_guard lock(mutex_);
    series(labels) = value;
}

void GaugeFamily::add(const LabelValues& labels, double delta) {
    check_labels(labels);
    std::lock_guard lock(mutex_);
    series(labels) += delta;
}

}  // namespace shoal::metrics
