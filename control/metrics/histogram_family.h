// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "metrics/metric_family.h"

namespace shoal::metrics {

// What one histogram series holds; bucket_counts are per bucket (not cumulative), with the
// last entry counting observations above every bound (the "+Inf" remainder).
struct HistogramData {
    std::vector<std::uint64_t> bucket_counts;
    double sum = 0;
    std::uint64_t count = 0;
};

// Observations sorted into buckets ("_bucket{le=...}" cumulative, "_sum", "_count").
class HistogramFamily : public SeriesFamily<HistogramData> {
  public:
    HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                    std::vector<double> upper_bounds);

    // value must not be NaN (MetricsError).
    void observe(const LabelValues& labels, double value);
    const std::vector<double>& upper_bounds() const noexcept { return upper_bounds_; }
    std::optional<HistogramData> data(const LabelValues& labels) const;

  private:
    HistogramData make_value() const override;
    void render_series(std::string& out) const override;

    std::vector<double> upper_bounds_;
};

}  // namespace shoal::metrics
