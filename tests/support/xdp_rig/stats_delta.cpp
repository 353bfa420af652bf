// SPDX-License-Identifier: MIT
#include "xdp_rig/stats_delta.h"

#include <algorithm>
#include <tuple>

#include "model/decision.h"

namespace shoal::test {
namespace {

void add_counter(std::vector<CounterChange>& out, CounterChange c) {
    const auto it = std::lower_bound(out.begin(), out.end(), c, [](const auto& a, const auto& b) {
        return std::tie(a.row, a.stat) < std::tie(b.row, b.stat);
    });
    if (it != out.end() && it->row == c.row && it->stat == c.stat) {
        it->packets += c.packets;
        it->bytes += c.bytes;
    } else {
        out.insert(it, c);
    }
}

void add_server(std::vector<ServerChange>& out, ServerChange s) {
    const auto it = std::lower_bound(out.begin(), out.end(), s, [](const auto& a, const auto& b) {
        return a.server < b.server;
    });
    if (it != out.end() && it->server == s.server) {
        it->packets += s.packets;
        it->bytes += s.bytes;
    } else {
        out.insert(it, s);
    }
}

}  // namespace

StatsDelta stats_delta(const StatsSnapshot& before, const StatsSnapshot& after) {
    StatsDelta d;
    for (std::uint32_t row = 0; row < after.rows.size(); ++row) {
        for (int stat = 0; stat < SHOAL_STAT_MAX; ++stat) {
            const shoal_counter& a = after.rows[row][stat];
            const shoal_counter& b = before.rows[row][stat];
            if (a.packets != b.packets || a.bytes != b.bytes)
                d.counters.push_back(
                    {row, static_cast<shoal_stat>(stat), a.packets - b.packets, a.bytes - b.bytes});
        }
    }
    for (std::uint32_t i = 0; i < after.servers.size(); ++i) {
        const shoal_counter& a = after.servers[i];
        const shoal_counter& b = before.servers[i];
        if (a.packets != b.packets || a.bytes != b.bytes)
            d.servers.push_back({i, a.packets - b.packets, a.bytes - b.bytes});
    }
    return d;
}

void add_expected(StatsDelta& delta, std::uint32_t row, shoal_stat verdict, bool decap,
                  std::uint64_t bytes, const std::vector<ServerChange>& servers) {
    add_counter(delta.counters, {row, verdict, 1, bytes});
    if (decap) add_counter(delta.counters, {row, SHOAL_STAT_DECAP, 1, bytes});
    for (const ServerChange& s : servers) add_server(delta.servers, s);
}

void add_event(StatsDelta& delta, std::uint32_t row, shoal_stat event, std::uint64_t bytes) {
    add_counter(delta.counters, {row, event, 1, bytes});
}

void StatsDelta::add(const StatsDelta& other) {
    for (const CounterChange& c : other.counters) add_counter(counters, c);
    for (const ServerChange& s : other.servers) add_server(servers, s);
}

std::string StatsDelta::describe() const {
    std::string text;
    for (const CounterChange& c : counters) {
        if (!text.empty()) text += "; ";
        text +=
            "row " + (c.row == SHOAL_STATS_ROW_NONE ? std::string("NONE") : std::to_string(c.row));
        text += " " + model::stat_name(c.stat) + " +" + std::to_string(c.packets) + "/" +
                std::to_string(c.bytes) + "B";
    }
    for (const ServerChange& s : servers) {
        if (!text.empty()) text += "; ";
        text += "srv[" + std::to_string(s.server) + "] +" + std::to_string(s.packets) + "/" +
                std::to_string(s.bytes) + "B";
    }
    return text.empty() ? "(no counter moved)" : text;
}

}  // namespace shoal::test
