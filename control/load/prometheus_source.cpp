// SPDX-License-Identifier: MIT
#include "load/prometheus_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "load/prometheus_text.h"
#include "load/utilisation_check.h"

namespace shoal::load {

std::string PrometheusSource::describe() const {
    return fmt::format("prometheus {} {}", spec_.url, spec_.metric);
}

LoadSample PrometheusSource::sample() {
    HttpBody answer = fetch_();
    if (!answer.error.empty())
        return LoadSample::failed(fmt::format("{}: {}", describe(), answer.error));
    return from_text(answer.body);
}

LoadSample PrometheusSource::from_text(const std::string& text) {
    auto fail = [&](const std::string& why) {
        return LoadSample::failed(fmt::format("{}: {}", describe(), why));
    };
    const MetricRead read = read_metric(text, spec_.metric);
    if (!read.error.empty()) return fail(read.error);
    if (read.samples.empty()) return fail("the endpoint has no series of this metric");
    for (const auto& s : read.samples)
        if (!std::isfinite(s.value)) return fail(fmt::format("a series has the value {}", s.value));

    if (spec_.kind == MetricKind::gauge) {
        double sum = 0;
        for (const auto& s : read.samples) sum += s.value;
        const double u = sum / double(read.samples.size());
        if (auto why = why_unusable(u)) return fail(*why);
        return LoadSample::of(u);
    }

    Seconds now;
    for (const auto& s : read.samples) {
        const auto mode = s.labels.find("mode");
        if (mode == s.labels.end())
            return fail("a series has no \"mode\" label (is this a CPU seconds counter?)");
        if (s.value < 0) return fail(fmt::format("counter value {} is negative", s.value));
        now.total += s.value;
        if (std::find(spec_.idle_modes.begin(), spec_.idle_modes.end(), mode->second) !=
            spec_.idle_modes.end())
            now.idle += s.value;
    }
    const auto previous = std::exchange(last_, now);
    if (!previous) return fail("first scrape, no interval to compute a rate over yet");
    const double total = now.total - previous->total, idle = now.idle - previous->idle;
    if (total <= 0 || idle < 0) return fail("the counters did not advance (or were reset)");
    const double u = 1 - idle / total;
    if (auto why = why_unusable(u)) return fail(*why);
    return LoadSample::of(u);
}

}  // namespace shoal::load
