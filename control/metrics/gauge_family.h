// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "metrics/metric_family.h"

namespace shoal::metrics {

// A value that goes up and down (a generation, a weight, a state as 0/1).
class GaugeFamily : public SeriesFamily<double> {
  public:
    GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names);

    void set(const LabelValues& labels, double value);
    void add(const LabelValues& labels, double delta);
    std::optional<double> value(const LabelValues& labels) const;

  private:
    double make_value() const override { return 0; }
    void render_series(std::string& out) const override;
};

}  // namespace shoal::metrics
