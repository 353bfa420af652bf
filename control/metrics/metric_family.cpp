// SPDX-License-Identifier: MIT
#include "metrics/metric_family.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/escape.h"
#include "metrics/metric_naming.h"

namespace shoal::metrics {

std::string escape_label_value(std::string_view value) {
    return escape_chars(value, {{'\\', "\\\\"}, {'"', "\\\""}, {'\n', "\\n"}});
}

std::string escape_help(std::string_view help) {
    return escape_chars(help, {{'\\', "\\\\"}, {'\n', "\\n"}});
}

std::string format_sample_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    // Exact integers (counters, generations, bucket counts) print without an exponent.
    if (value == std::trunc(value) && std::fabs(value) < 9007199254740992.0)
        return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{}", value);
}

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

std::optional<double> ScalarFamily::value(const LabelValues& labels) const {
    return copy_of(labels);
}

void ScalarFamily::render_series(std::string& out) const {
    for (const auto& [labels, value] : series_) {
        append_series_name(out, "", labels);
        out += ' ';
        out += format_sample_value(value);
        out += '\n';
    }
}

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : ScalarFamily(std::move(name), std::move(help), MetricType::counter, std::move(label_names)) {
    add_unlabelled_series();
}

namespace {
// Counters only go up: an increment or a total must be finite and not negative.
void check_counter_value(std::string_view metric, std::string_view what, double value) {
    if (!std::isfinite(value) || value < 0)
        throw MetricsError(fmt::format("metric \"{}\": counter {} must be finite and >= 0, got {}",
                                       metric, what, value));
}
}  // namespace

void CounterFamily::inc(const LabelValues& labels, double delta) {
    check_labels(labels);
    check_counter_value(name(), "increment", delta);
    std::lock_guard lock(mutex_);
    series(labels) += delta;
}

void CounterFamily::set_total(const LabelValues& labels, double total) {
    check_labels(labels);
    check_counter_value(name(), "total", total);
    std::lock_guard lock(mutex_);
    series(labels) = total;
}

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

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names,
                                 std::vector<double> upper_bounds)
    : SeriesFamily(std::move(name), std::move(help), MetricType::histogram, std::move(label_names)),
      upper_bounds_(std::move(upper_bounds)) {
    check_buckets(this->name(), upper_bounds_);
    add_unlabelled_series();
}

HistogramData HistogramFamily::make_value() const {
    HistogramData data;
    data.bucket_counts.assign(upper_bounds_.size() + 1, 0);
    return data;
}

void HistogramFamily::observe(const LabelValues& labels, double value) {
    check_labels(labels);
    if (std::isnan(value))
        throw MetricsError(fmt::format("metric \"{}\": cannot observe NaN", name()));
    // le is an inclusive upper bound: the first bound >= value.
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) -
        upper_bounds_.begin());
    std::lock_guard lock(mutex_);
    HistogramData& data = series(labels);
    ++data.bucket_counts[bucket];
    data.sum += value;
    ++data.count;
}

std::optional<HistogramData> HistogramFamily::data(const LabelValues& labels) const {
    return copy_of(labels);
}

void HistogramFamily::render_series(std::string& out) const {
    for (const auto& [labels, data] : series_) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i <= upper_bounds_.size(); ++i) {
            cumulative += data.bucket_counts[i];
            const std::string le =
                i < upper_bounds_.size() ? format_sample_value(upper_bounds_[i]) : "+Inf";
            append_series_name(out, "_bucket", labels, "le", le);
            out += ' ';
            out += std::to_string(cumulative);
            out += '\n';
        }
        append_series_name(out, "_sum", labels);
        out += ' ';
        out += format_sample_value(data.sum);
        out += '\n';
        append_series_name(out, "_count", labels);
        out += ' ';
        out += std::to_string(data.count);
        out += '\n';
    }
}

}  // namespace shoal::metrics
