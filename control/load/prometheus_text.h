// SPDX-License-Identifier: MIT
// Reads the samples of one metric from Prometheus text exposition format 0.0.4
// (`name{label="value",...} value [timestamp]`). Lines of other metrics are skipped unread,
// so a quirk elsewhere on a node_exporter page does not cost the reading.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace shoal::load {

struct MetricSample {
    std::map<std::string, std::string> labels;
    double value = 0;
};

struct MetricRead {
    std::vector<MetricSample> samples;
    std::string error;  // the first malformed line of the metric, with its line number
};

MetricRead read_metric(std::string_view text, std::string_view metric);

}  // namespace shoal::load
