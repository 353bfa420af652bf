// SPDX-License-Identifier: MIT
#include "load/load_source.h"

#include "base/enum_names.h"
#include "load/file_source.h"
#include "load/http_get.h"
#include "load/proc_stat_source.h"
#include "load/prometheus_source.h"

namespace shoal::load {

std::string to_string(SourceType type) {
    static constexpr EnumNames<SourceType, 3> kNames{{{SourceType::proc_stat, "proc_stat"},
                                                      {SourceType::prometheus, "prometheus"},
                                                      {SourceType::file, "file"}}};
    return std::string(name_of(kNames, type, "?"));
}

std::string to_string(MetricKind kind) {
    return kind == MetricKind::gauge ? "gauge" : "cpu_seconds";
}

std::unique_ptr<LoadSource> make_load_source(const SourceSpec& spec) {
    switch (spec.type) {
        case SourceType::proc_stat:
            return std::make_unique<ProcStatSource>(spec.path);
        case SourceType::file:
            return std::make_unique<FileSource>(spec.path);
        case SourceType::prometheus: {
            auto fetch = [url = spec.url, timeout = spec.timeout] {
                return http_get(url, timeout);
            };
            return std::make_unique<PrometheusSource>(spec, std::move(fetch));
        }
    }
    return nullptr;
}

}  // namespace shoal::load
