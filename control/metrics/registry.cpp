// SPDX-License-Identifier: MIT
#include "metrics/registry.h"

#include <fmt/format.h>

#include "metrics/metric_naming.h"

namespace shoal::metrics {

template <class Family, class... Args>
Family& Registry::add(std::string name, Args&&... args) {
    auto family = std::make_unique<Family>(name, std::forward<Args>(args)...);
    Family& ref = *family;
    std::lock_guard lock(mutex_);
    if (!families_.emplace(std::move(name), std::move(family)).second)
        throw MetricsError(fmt::format("metric \"{}\" is already registered", ref.name()));
    return ref;
}

CounterFamily& Registry::counter(std::string name, std::string help,
                                 std::vector<std::string> label_names) {
    return add<CounterFamily>(std::move(name), std::move(help), std::move(label_names));
}

GaugeFamily& Registry::gauge(std::string name, std::string help,
                             std::vector<std::string> label_names) {
    return add<GaugeFamily>(std::move(name), std::move(help), std::move(label_names));
}

HistogramFamily& Registry::histogram(std::string name, std::string help,
                                     std::vector<std::string> label_names,
                                     std::vector<double> upper_bounds) {
    return add<HistogramFamily>(std::move(name), std::move(help), std::move(label_names),
                                std::move(upper_bounds));
}

Registry::CollectorId Registry::add_collector(Collector collector) {
    std::lock_guard lock(mutex_);
    const CollectorId id = next_collector_++;
    collectors_.emplace_back(id, std::move(collector));
    return id;
}

void Registry::remove_collector(CollectorId id) {
    std::lock_guard lock(mutex_);
    std::erase_if(collectors_, [id](const auto& entry) { return entry.first == id; });
}

std::string Registry::scrape() {
    std::lock_guard scrape_lock(scrape_mutex_);
    std::vector<std::pair<CollectorId, Collector>> collectors;
    {
        std::lock_guard lock(mutex_);
        collectors = collectors_;
    }
    // Unlocked: collectors set values in families, which lock themselves.
    for (const auto& [id, collect] : collectors) collect();
    return render();
}

std::string Registry::render() const {
    std::string out;
    std::lock_guard lock(mutex_);
    for (const auto& [name, family] : families_) family->render(out);
    return out;
}

const MetricFamily* Registry::find(std::string_view name) const {
    std::lock_guard lock(mutex_);
    auto it = families_.find(name);
    return it == families_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Registry::names() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, family] : families_) out.push_back(name);
    return out;
}

}  // namespace shoal::metrics
