// SPDX-License-Identifier: MIT
#include "metrics/metric_family.h"

#include <fmt/format.h>

#include "metrics/exposition_text.h"
#include "metrics/metrics_error.h"

namespace shoal::metrics {

MetricFamily::MetricFamily(std::string name, std::string help, MetricType type,
                           std::vector<std::string> label_names)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)) {
    check_metric_name(name_, type_);
    check_help(name_, help_);
    check_label_names(name_, type_, label_names_);
}

void MetricFamily::render(std::string& out) const {
    out += "# HELP ";
    out += name_;
    out += ' ';
    out += escape_help(help_);
    out += "\n# TYPE ";
    out += name_;
    out += ' ';
    out += to_string(type_);
    out += '\n';
    std::lock_guard lock(mutex_);
    render_series(out);
}

bool MetricFamily::remove(const LabelValues& labels) {
    check_labels(labels);
    std::lock_guard lock(mutex_);
    return remove_series(labels);
}

void MetricFamily::clear() {
    std::lock_guard lock(mutex_);
    clear_series();
}

std::size_t MetricFamily::series_count() const {
    std::lock_guard lock(mutex_);
    return count_series();
}

void MetricFamily::check_labels(const LabelValues& labels) const {
    if (labels.size() != label_names_.size())
        throw MetricsError(fmt::format("metric \"{}\": expected {} label values ({}), got {}",
                                       name_, label_names_.size(), fmt::join(label_names_, ", "),
                                       labels.size()));
}

void MetricFamily::append_series_name(std::string& out, std::string_view suffix,
                                      const LabelValues& labels, std::string_view extra_key,
                                      std::string_view extra_value) const {
    out += name_;
    out += suffix;
    if (labels.empty() && extra_key.empty()) return;
    out += '{';
    bool first = true;
    auto append = [&](std::string_view key, std::string_view value) {
        if (!first) out += ',';
        first = false;
        out += key;
        out += "=\"";
        out += escape_label_value(value);
        out += '"';
    };
    for (std::size_t i = 0; i < labels.size(); ++i) append(label_names_[i], labels[i]);
    if (!extra_key.empty()) append(extra_key, extra_value);
    out += '}';
}

}  // namespace shoal::metrics
