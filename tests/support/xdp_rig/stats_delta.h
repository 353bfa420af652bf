// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dataplane/stats_reader.h"

namespace shoal::test {

struct CounterChange {
    std::uint32_t row = 0;  // service id or SHOAL_STATS_ROW_NONE
    shoal_stat stat = SHOAL_STAT_PASS_NOT_IP;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    bool operator==(const CounterChange&) const = default;
};

struct ServerChange {
    std::uint32_t server = 0;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    bool operator==(const ServerChange&) const = default;
};

// Which counters moved between two snapshots (summed over CPUs), in key order.
struct StatsDelta {
    std::vector<CounterChange> counters;
    std::vector<ServerChange> servers;

    bool operator==(const StatsDelta&) const = default;
    void add(const StatsDelta& other);  // sums the changes of both
    std::string describe() const;       // "row 4 FORWARD_FIRST_HOP +1/74B; srv[2] +1/110B"
};

inline std::ostream& operator<<(std::ostream& out, const StatsDelta& d) {
    return out << d.describe();
}

StatsDelta stats_delta(const StatsSnapshot& before, const StatsSnapshot& after);

// Adds one packet's expected changes: verdict in row, DECAP in row when decap, and one
// packet to server when given.
void add_expected(StatsDelta& delta, std::uint32_t row, shoal_stat verdict, bool decap,
                  std::uint64_t bytes, const std::vector<ServerChange>& servers = {});
// Adds an event counted besides the verdict (GUE_AUTH_MISSING or _BAD, in row NONE).
void add_event(StatsDelta& delta, std::uint32_t row, shoal_stat event, std::uint64_t bytes);

}  // namespace shoal::test
