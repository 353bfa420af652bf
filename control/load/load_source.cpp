// SPDX-License-Identifier: MIT
#include "load/load_source.h"

#include "load/file_source.h"
#include "load/http_get.h"
#include "load/proc_stat_source.h"
#include "load/prometheus_source.h"

namespace shoal::load {

std::string to_string(SourceType type) {
    switch (type) {
        case SourceType::proc_stat: return "proc_stat";
        case SourceType::prometheus: return "prometheus";
        case SourceType::file: return "file";
    }
    return "?";
}

std::string to_string(MetricKind kind) {
    return kind == MetricKind::gauge ? "gauge" : "cpu_seconds";
}

std::unique_ptr<LoadSource> make_load_source(const SourceSpec& spec) {
    switch (spec.type) {
        case SourceType::proc_stat: return std::make_unique<ProcStatSource>(spec.path);
        case SourceType::file: return std::make_unique<FileSource>(spec.path);
        case SourceType::prometheus: {
            auto fetch = [url = spec.url, timeout = spec.timeout] { return http_get(url, timeout); };
            return std::make_unique<PrometheusSource>(spec, std::move(fetch));
        }
    }
    return nullptr;
}

}  // namespace shoal::load
