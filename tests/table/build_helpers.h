// SPDX-License-Identifier: MIT
// Short forms for the builds the hand-checked cases make.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

#include "table/table_builder.h"

namespace shoal::table::test {

using namespace std::chrono_literals;

// An arbitrary fixed epoch: tests never read a clock.
inline const TimePoint kStart = TimePoint(std::chrono::hours(24 * 365 * 50));

inline BuildResult first_build(std::uint32_t buckets, const std::vector<Server>& servers,
                               TimePoint now = kStart) {
    return build_table({.buckets = buckets,
                        .servers = servers,
                        .previous = nullptr,
                        .now = now,
                        .options = {},
                        .second_hop_busy = {}});
}

inline BuildResult rebuild(const Table& previous, const std::vector<Server>& servers, TimePoint now,
                           BuildOptions options = {}) {
    return build_table({.buckets = std::uint32_t(previous.size()),
                        .servers = servers,
                        .previous = &previous,
                        .now = now,
                        .options = options,
                        .second_hop_busy = {}});
}

inline std::vector<Server> equal_servers(ServerIndex count, std::uint32_t weight = 100) {
    std::vector<Server> out;
    for (ServerIndex i = 1; i <= count; ++i) out.push_back({i, "s" + std::to_string(i), weight});
    return out;
}

inline Server& server(std::vector<Server>& servers, ServerIndex index) {
    return *std::find_if(servers.begin(), servers.end(),
                         [&](const Server& s) { return s.index == index; });
}

inline std::size_t count_first(const Table& t, ServerIndex index) {
    return std::size_t(
        std::count_if(t.begin(), t.end(), [&](const Bucket& b) { return b.first_hop == index; }));
}

inline std::size_t count_moved(const Table& before, const Table& after) {
    std::size_t moved = 0;
    for (std::size_t b = 0; b < before.size(); ++b)
        moved += before[b].first_hop != after[b].first_hop;
    return moved;
}

}  // namespace shoal::table::test
