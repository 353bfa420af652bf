// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "metrics/scalar_family.h"

namespace shoal::metrics {

// A monotonic count ("shoal_..._total").
class CounterFamily : public ScalarFamily {
  public:
    CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);

    // delta must be finite and >= 0 (MetricsError otherwise).
    void inc(const LabelValues& labels, double delta = 1);
    // Mirrors a count kept elsewhere (a BPF map's per-CPU counters, summed) at scrape time.
    // A smaller total than before reads as a counter reset, as Prometheus expects.
    void set_total(const LabelValues& labels, double total);
};

}  // namespace shoal::metrics
