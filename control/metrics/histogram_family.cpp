// SPDX-License-Identifier: MIT
#include "metrics/histogram_family.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "metrics/exposition_text.h"
#include "metrics/metrics_error.h"

namespace shoal::metrics {

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
    check_labels(labels);
    std::lock_guard lock(mutex_);
    const HistogramData* found = find_series(labels);
    return found ? std::optional(*found) : std::nullopt;
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
