// SPDX-License-Identifier: MIT
// Snapshots with deterministic pseudo-random tables, and agent reports, for the store tests.
#pragma once

#include <random>

#include "store/agent_report.h"
#include "store/snapshot.h"

namespace shoal::test {

inline store::ServiceTable make_table(std::string name, std::uint16_t id, std::size_t size,
                                      std::uint64_t seed) {
    std::mt19937_64 random(seed);
    store::ServiceTable table{std::move(name), id, std::vector<store::StoredBucket>(size)};
    const auto base = store::TimePoint(std::chrono::milliseconds(1'700'000'000'000LL));
    for (auto& bucket : table.buckets) {
        bucket.first_hop = static_cast<std::uint16_t>(random() % 64);
        bucket.second_hop =
            random() % 4 == 0 ? SHOAL_NO_SERVER : static_cast<std::uint16_t>(random() % 64);
        bucket.changed =
            base + std::chrono::milliseconds(random() % 8 == 0 ? random() % 600'000 : 0);
    }
    return table;
}

// A report with every field set (large counters, nested details), as an agent writes it.
inline store::AgentReport make_report(const std::string& server, std::uint64_t generation) {
    store::AgentReport r;
    r.server = server;
    r.reported_at = store::TimePoint(std::chrono::milliseconds(1'700'000'000'123LL));
    r.applied_generation = generation;
    r.load = 0.25;
    r.established = 1234;
    r.packets = 1ULL << 40;
    r.bytes = 1ULL << 50;
    r.details = {{"xdp_mode", {{"eth0", "native"}}}};
    return r;
}

inline store::Snapshot make_snapshot(std::uint64_t generation, std::size_t size = 256) {
    store::Snapshot snapshot;
    snapshot.generation = generation;
    snapshot.created_at =
        store::TimePoint(std::chrono::milliseconds(1'700'000'000'000LL + generation));
    snapshot.publisher = "conductor@test";
    snapshot.tables.push_back(make_table("web", 0, size, generation));
    snapshot.tables.push_back(make_table("dns", 3, 256, generation + 1000));
    snapshot.operator_state.drain("srv2");
    snapshot.operator_state.set_weight("srv1", static_cast<std::uint32_t>(generation % 1000));
    return snapshot;
}

}  // namespace shoal::test
