// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "dataplane/stat_names.h"
#include "dataplane_fixture.h"

using namespace shoal;
using namespace shoal::test;

namespace {

// Writes {packets = base * (cpu + 1), bytes = 100 * base * (cpu + 1)} on every possible CPU
// through the raw map and returns the expected sums.
shoal_counter write_per_cpu(int map_fd, std::uint32_t key, std::uint64_t base) {
    const unsigned cpus = StatsReader::possible_cpus();
    std::vector<shoal_counter> values(cpus);
    shoal_counter total{};
    for (unsigned c = 0; c < cpus; ++c) {
        values[c] = {base * (c + 1), 100 * base * (c + 1)};
        total.packets += values[c].packets;
        total.bytes += values[c].bytes;
    }
    REQUIRE(::bpf_map_update_elem(map_fd, &key, values.data(), BPF_ANY) == 0);
    return total;
}

}  // namespace

TEST_CASE("a service counter is summed over every possible CPU", "[stats]") {
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const std::uint32_t row = 5;
    const shoal_counter expected =
        write_per_cpu(dp.maps().stats.fd(), row * SHOAL_STAT_MAX + SHOAL_STAT_DROP_BAD_GUE, 3);

    const StatRow read = dp.stats().read_row(row);
    CHECK(read[SHOAL_STAT_DROP_BAD_GUE].packets == expected.packets);
    CHECK(read[SHOAL_STAT_DROP_BAD_GUE].bytes == expected.bytes);
    CHECK(read[SHOAL_STAT_KEEP_SYN].packets == 0);

    const StatsSnapshot snap = dp.stats().read();
    REQUIRE(snap.rows.size() == SHOAL_MAX_SERVICES + 1);
    CHECK(snap.rows[row][SHOAL_STAT_DROP_BAD_GUE].packets == expected.packets);
    CHECK(snap.rows[row + 1][SHOAL_STAT_DROP_BAD_GUE].packets == 0);
    CHECK(snap.total(SHOAL_STAT_DROP_BAD_GUE).bytes == expected.bytes);
}

TEST_CASE("the no-service row and the per-server counters are read too", "[stats]") {
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const shoal_counter none = write_per_cpu(
        dp.maps().stats.fd(), SHOAL_STATS_ROW_NONE * SHOAL_STAT_MAX + SHOAL_STAT_PASS_NOT_IP, 7);
    const shoal_counter server = write_per_cpu(dp.maps().server_stats.fd(), 42, 11);

    const StatsSnapshot snap = dp.stats().read();
    CHECK(snap.rows[SHOAL_STATS_ROW_NONE][SHOAL_STAT_PASS_NOT_IP].packets == none.packets);
    CHECK(snap.servers[42].packets == server.packets);
    CHECK(snap.servers[42].bytes == server.bytes);
    CHECK(snap.servers[41].packets == 0);
    CHECK(dp.stats().read_server(42).bytes == server.bytes);
    CHECK(dp.stats().read_row(SHOAL_STATS_ROW_NONE)[SHOAL_STAT_PASS_NOT_IP].bytes == none.bytes);
    CHECK_THROWS_WITH(dp.stats().read_row(SHOAL_STATS_ROW_NONE + 1), Catch::Contains("row 257"));
}
