// SPDX-License-Identifier: MIT
// Where an agent reads its server's load, chosen per server in the agent config
// (docs/config.md, agent.load_source): host CPU from /proc/stat (the default), a metric
// scraped from a Prometheus text endpoint, or a file (the lab and tests).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "load/load_sample.h"

namespace shoal::load {

enum class SourceType { proc_stat, prometheus, file };
// How a Prometheus metric turns into a utilisation.
enum class MetricKind {
    cpu_seconds,  // a per-CPU, per-mode seconds counter (node_cpu_seconds_total): 1 - idle rate
    gauge,        // a 0..1 gauge read as is (summed over matching series, then averaged)
};

std::string to_string(SourceType type);
std::string to_string(MetricKind kind);

struct SourceSpec {
    SourceType type = SourceType::proc_stat;
    std::filesystem::path path = "/proc/stat";  // proc_stat and file
    std::string url;                            // prometheus: http://HOST:PORT/PATH
    std::string metric = "node_cpu_seconds_total";
    MetricKind kind = MetricKind::cpu_seconds;
    std::vector<std::string> idle_modes = {"idle", "iowait"};  // cpu_seconds: the not-busy modes
    std::chrono::milliseconds timeout{1000};                   // prometheus: the whole scrape

    bool operator==(const SourceSpec&) const = default;
};

class LoadSource {
  public:
    virtual ~LoadSource() = default;
    // The utilisation since the previous call (rate sources) or now (file, gauge). A rate
    // source's first call has nothing to compare with and says so.
    virtual LoadSample sample() = 0;
    // "file /run/shoal/load", "proc_stat /proc/stat", "prometheus http://...": for messages.
    virtual std::string describe() const = 0;
};

std::unique_ptr<LoadSource> make_load_source(const SourceSpec& spec);

}  // namespace shoal::load
