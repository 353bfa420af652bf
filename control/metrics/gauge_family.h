// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "metrics/scalar_family.h"

namespace shoal::metrics {

// A value that goes up and down (a generation, a weight, a state as 0/1).
class GaugeFamily : public ScalarFamily {
  public:
    GaugeFamily(std::string name, std::string help, std::vector<std::string> label_names);

    void set(const LabelValues& labels, double value);
    void add(const LabelValues& labels, double delta);
};

}  // namespace shoal::metrics
