// SPDX-License-Identifier: MIT
#include "table/planner.h"

#include <nlohmann/json.hpp>

#include "table/table_builder.h"

namespace shoal::table {

namespace {

std::vector<ServerLoad> project_load(const ServiceSnapshot& current, const Table& after) {
    std::map<ServerIndex, std::uint64_t> before_count;
    if (current.table)
        for (const Bucket& b : *current.table) ++before_count[b.first_hop];

    double measured_load = 0;
    std::uint64_t measured_buckets = 0;
    for (const auto& [index, load] : current.load) {
        auto it = before_count.find(index);
        if (it == before_count.end()) continue;
        measured_load += load;
        measured_buckets += it->second;
    }
    const double mean = measured_buckets ? measured_load / double(measured_buckets) : 0.0;
    auto per_bucket = [&](ServerIndex owner) {
        auto load = current.load.find(owner);
        auto count = before_count.find(owner);
        if (load == current.load.end() || count == before_count.end()) return mean;
        return load->second / double(count->second);
    };

    std::map<ServerIndex, ServerLoad> out;
    for (const Server& s : current.servers) out[s.index].index = s.index;
    for (const auto& [index, load] : current.load) {
        out[index].index = index;
        out[index].current = load;
    }
    for (std::size_t b = 0; b < after.size(); ++b) {
        const ServerIndex owner = current.table ? (*current.table)[b].first_hop : kNoServer;
        ServerLoad& entry = out[after[b].first_hop];
        entry.index = after[b].first_hop;
        entry.projected += per_bucket(owner);
    }
    std::vector<ServerLoad> list;
    list.reserve(out.size());
    for (const auto& [index, load] : out) list.push_back(load);
    return list;
}

}  // namespace

PlanReport plan(const ServiceSnapshot& current, const ServerChange& change) {
    const std::vector<Server> servers = apply_change(current.servers, change);
    BuildResult built = build_table(BuildInput{
        .buckets = current.buckets,
        .servers = servers,
        .previous = current.table,
        .now = current.now,
        .options = current.options,
        .second_hop_busy = current.second_hop_busy,
    });
    PlanReport report{describe(change), std::move(built.report), {}};
    if (!current.load.empty()) report.load = project_load(current, built.table);
    return report;
}

void to_json(nlohmann::json& out, const ServerLoad& load) {
    out = nlohmann::json{
        {"index", load.index}, {"current", load.current}, {"projected", load.projected}};
}

void to_json(nlohmann::json& out, const PlanReport& report) {
    out = nlohmann::json{{"change", report.change}, {"build", report.build}, {"load", report.load}};
}

}  // namespace shoal::table
