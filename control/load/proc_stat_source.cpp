// SPDX-License-Identifier: MIT
#include "load/proc_stat_source.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "base/errors.h"
#include "load/utilisation_check.h"

namespace shoal::load {

std::optional<CpuTicks> parse_proc_stat(std::string_view text, std::string& error) {
    const std::string_view line = text.substr(0, text.find('\n'));
    if (!line.starts_with("cpu ")) {
        error = "the first line is not the aggregate \"cpu \" line";
        return std::nullopt;
    }
    std::istringstream fields{std::string(line.substr(4))};
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    std::uint64_t value[8] = {};
    for (int i = 0; i < 8; ++i)
        if (!(fields >> value[i])) {
            error = fmt::format("the \"cpu\" line has {} counters, expected at least 8", i);
            return std::nullopt;
        }
    CpuTicks t;
    for (auto v : value) t.total += v;
    t.busy = t.total - value[3] - value[4];
    return t;
}

LoadSample ProcStatSource::sample() {
    std::ifstream in(path_);
    if (!in) return LoadSample::failed(errno_message(describe() + ": cannot open"));
    std::string first;
    std::getline(in, first);
    std::string error;
    const auto now = parse_proc_stat(first, error);
    if (!now) return LoadSample::failed(fmt::format("{}: {}", describe(), error));
    const auto previous = std::exchange(last_, now);
    if (!previous)
        return LoadSample::failed(fmt::format("{}: first sample, no interval yet", describe()));
    if (now->total <= previous->total || now->busy < previous->busy)
        return LoadSample::failed(
            fmt::format("{}: counters did not advance (or went back)", describe()));
    const double u = double(now->busy - previous->busy) / double(now->total - previous->total);
    if (auto why = why_unusable(u))
        return LoadSample::failed(fmt::format("{}: {}", describe(), *why));
    return LoadSample::of(u);
}

}  // namespace shoal::load
