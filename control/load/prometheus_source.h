// SPDX-License-Identifier: MIT
// Load scraped from a Prometheus text endpoint. For a per-mode CPU seconds counter
// (node_exporter's node_cpu_seconds_total) the utilisation is the busy share of the CPU
// seconds that passed between two scrapes: 1 - d(idle modes) / d(all modes). For a gauge
// it is the mean of the metric's series.
#pragma once

#include <functional>
#include <optional>

#include "load/http_get.h"
#include "load/load_source.h"

namespace shoal::load {

class PrometheusSource final : public LoadSource {
  public:
    using Fetch = std::function<HttpBody()>;  // injected: the real one is http_get(url)

    PrometheusSource(SourceSpec spec, Fetch fetch)
        : spec_(std::move(spec)), fetch_(std::move(fetch)) {}
    LoadSample sample() override;
    std::string describe() const override;

  private:
    struct Seconds {
        double idle = 0;
        double total = 0;
    };
    LoadSample from_text(const std::string& text);

    SourceSpec spec_;
    Fetch fetch_;
    std::optional<Seconds> last_;
};

}  // namespace shoal::load
