// SPDX-License-Identifier: MIT
#include "metrics/gauge_family.h"

#include "metrics/exposition_text.h"

namespace shoal::metrics {

GaugeFamily::GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : SeriesFamily(std::move(name), std::move(help), MetricType::gauge, std::move(label_names)) {
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

std::optional<double> GaugeFamily::value(const LabelValues& labels) const {
    check_labels(labels);
    std::lock_guard lock(mutex_);
    const double* found = find_series(labels);
    return found ? std::optional(*found) : std::nullopt;
}

void GaugeFamily::render_series(std::string& out) const {
    for (const auto& [labels, value] : series_) {
        append_series_name(out, "", labels);
        out += ' ';
        out += format_sample_value(value);
        out += '\n';
    }
}

}  // namespace shoal::metrics
