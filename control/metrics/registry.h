// SPDX-License-Identifier: MIT
// Every metric family of the process, rendered in the Prometheus text format 0.0.4.
// Families live as long as the registry; the references it hands out stay valid.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_family.h"

namespace shoal::metrics {

class Registry {
  public:
    // Runs at every scrape, before rendering, to fill families from state kept elsewhere
    // (BPF maps, the health checker). An exception fails the scrape with its message.
    using Collector = std::function<void()>;
    using CollectorId = std::uint64_t;

    Registry() = default;
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // Each throws MetricsError for a name already registered or breaking the naming rules.
    CounterFamily& counter(std::string name, std::string help,
                           std::vector<std::string> label_names = {});
    GaugeFamily& gauge(std::string name, std::string help,
                       std::vector<std::string> label_names = {});
    HistogramFamily& histogram(std::string name, std::string help,
                               std::vector<std::string> label_names,
                               std::vector<double> upper_bounds);

    CollectorId add_collector(Collector collector);
    void remove_collector(CollectorId id);

    // Runs the collectors in the order they were added, then renders. Scrapes are serialised.
    std::string scrape();
    // Renders every family, sorted by name, without running collectors.
    std::string render() const;

    const MetricFamily* find(std::string_view name) const;
    std::vector<std::string> names() const;

  private:
    template <class Family, class... Args>
    Family& add(std::string name, Args&&... args);

    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<MetricFamily>, std::less<>> families_;
    std::vector<std::pair<CollectorId, Collector>> collectors_;
    CollectorId next_collector_ = 1;
    std::mutex scrape_mutex_;
};

}  // namespace shoal::metrics
