// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "metrics/metric_family.h"

namespace shoal::metrics {

// What counters and gauges share: one double per series, read and rendered the same way.
class ScalarFamily : public SeriesFamily<double> {
  public:
    std::optional<double> value(const LabelValues& labels) const;

  protected:
    ScalarFamily(std::string name, std::string help, MetricType type,
                 std::vector<std::string> label_names)
        : SeriesFamily(std::move(name), std::move(help), type, std::move(label_names)) {}

  private:
    double make_value() const override { return 0; }
    void render_series(std::string& out) const override;
};

}  // namespace shoal::metrics
