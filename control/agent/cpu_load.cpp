// SPDX-License-Identifier: MIT
#include "agent/cpu_load.h"

#include <fstream>
#include <sstream>
#include <string>
#include <utility>

namespace shoal::agent {

CpuLoad::CpuLoad(std::filesystem::path proc_stat) : path_(std::move(proc_stat)) {}

std::optional<CpuLoad::Ticks> CpuLoad::read() const {
    std::ifstream in(path_);
    std::string line;
    if (!std::getline(in, line) || line.rfind("cpu ", 0) != 0) return std::nullopt;
    std::istringstream fields(line.substr(4));
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    std::uint64_t value[8] = {};
    for (auto& v : value)
        if (!(fields >> v)) return std::nullopt;
    Ticks t;
    for (auto v : value) t.total += v;
    t.busy = t.total - value[3] - value[4];
    return t;
}

std::optional<double> CpuLoad::sample() {
    auto now = read();
    if (!now) return std::nullopt;
    auto previous = std::exchange(last_, now);
    if (!previous || now->total <= previous->total || now->busy < previous->busy)
        return std::nullopt;
    return double(now->busy - previous->busy) / double(now->total - previous->total);
}

}  // namespace shoal::agent
