// SPDX-License-Identifier: MIT
// Hand-checked builds: first tables, drains, removals, second hops and input errors.
#include <catch2/catch.hpp>

#include "build_helpers.h"
#include "table_checks.h"

using namespace shoal::table;
using namespace shoal::table::test;

TEST_CASE("first table of two equal servers alternates their buckets", "[cases]") {
    const auto servers = equal_servers(2);
    const BuildResult r = first_build(256, servers);
    for (std::uint32_t b = 0; b < 256; ++b) {
        INFO("bucket " << b);
        REQUIRE(r.table[b] == Bucket{b % 2 == 0 ? 1u : 2u, kNoServer, kStart});
    }
    CHECK(r.report.first_table);
    CHECK(r.report.moved == 256);
    CHECK(r.report.optimal_moved == 256);
    CHECK(r.report.max_share_error == 0.0);
}

TEST_CASE("first table gives weights 3:1 exactly 192 and 64 buckets", "[cases]") {
    const std::vector<Server> servers{{7, "big", 300}, {3, "small", 100}};
    const BuildResult r = first_build(256, servers);
    CHECK(count_first(r.table, 7) == 192);
    CHECK(count_first(r.table, 3) == 64);
    // The small server's buckets are every fourth one.
    for (std::uint32_t b = 0; b < 256; ++b) CHECK((r.table[b].first_hop == 3) == (b % 4 == 1));
}

TEST_CASE("draining a server moves only its buckets, each remembering it as second hop",
          "[cases]") {
    auto servers = equal_servers(4);
    const BuildResult first = first_build(256, servers);
    server(servers, 4).state = ServerState::draining;
    const TimePoint now = kStart + 1h;
    const BuildResult r = rebuild(first.table, servers, now);
    require_rules({256, servers, &first.table, now, {}}, r);
    CHECK(r.report.moved == 64);
    CHECK(r.report.optimal_moved == 64);
    for (std::size_t b = 0; b < 256; ++b) {
        if (first.table[b].first_hop == 4)
            CHECK(r.table[b] == Bucket{r.table[b].first_hop, 4, now});
        else
            CHECK(r.table[b] == first.table[b]);
    }
    CHECK(r.report.servers[3].after == 0);
}

TEST_CASE("undraining right after a drain swaps every bucket straight back", "[cases]") {
    auto servers = equal_servers(4);
    const BuildResult first = first_build(256, servers);
    server(servers, 4).state = ServerState::draining;
    const BuildResult drained = rebuild(first.table, servers, kStart + 1h);
    server(servers, 4).state = ServerState::active;
    const TimePoint now = kStart + 1h + 1min;  // well inside the chain window
    const BuildResult r = rebuild(drained.table, servers, now);
    require_rules({256, servers, &drained.table, now, {}}, r);
    CHECK(r.report.moved == 64);
    CHECK(r.report.swap_moved == 64);
    CHECK(r.report.held_by_guard == 0);
    for (std::size_t b = 0; b < 256; ++b) {
        CHECK(r.table[b].first_hop == first.table[b].first_hop);
        if (first.table[b].first_hop == 4)
            CHECK(r.table[b].second_hop == drained.table[b].first_hop);
    }
}

TEST_CASE("removing a server moves its buckets and clears it as a second hop", "[cases]") {
    auto servers = equal_servers(4);
    const BuildResult first = first_build(256, servers);
    server(servers, 2).state = ServerState::draining;
    const BuildResult drained = rebuild(first.table, servers, kStart + 1h);
    servers.erase(servers.begin() + 1);  // server 2 gone from the input
    const TimePoint now = kStart + 1h + 1min;
    const BuildResult r = rebuild(drained.table, servers, now);
    require_rules({256, servers, &drained.table, now, {}}, r);
    // Server 2 owned nothing after the drain, so only second hops change.
    CHECK(r.report.moved == 0);
    for (const Bucket& b : r.table) CHECK(b.second_hop != 2);
    CHECK(count_first(r.table, 1) + count_first(r.table, 3) + count_first(r.table, 4) == 256);
}

TEST_CASE("a bucket leaving a down server goes home to its second hop when that is under target",
          "[cases]") {
    const std::vector<Server> servers{{1, "a", 1}, {2, "b", 1}, {3, "c", 1, ServerState::down}};
    const TimePoint now = kStart + 1h;
    Table prev(256);
    for (std::uint32_t b = 0; b < 256; ++b) prev[b] = {b < 128 ? 1u : 2u, kNoServer, kStart};
    for (std::uint32_t b = 118; b < 128; ++b) prev[b] = {3, 1, now - 1min};  // 3 took ten of 1's
    prev[200] = {3, 2, now - 1min};                                          // and one of 2's,
    prev[0] = {2, 1, kStart};  // but 2 took one of 1's: 2 is at target, 1 is 11 short
    prev[130] = {2, 3, now - 1min};
    const BuildResult r = rebuild(prev, servers, now);
    require_rules({256, servers, &prev, now, {}}, r);
    for (std::uint32_t b = 118; b < 128; ++b) CHECK(r.table[b] == Bucket{1, kNoServer, now});
    CHECK(r.table[200] == Bucket{1, 2, now});  // 2 is full: to 1, keeping 2 as second hop
    CHECK(r.table[0] == Bucket{2, 1, kStart});
    CHECK(r.table[130] == Bucket{2, kNoServer, now - 1min});  // 3 is down: not a second hop
    CHECK(r.report.forced_moved == 11);
    CHECK(r.report.moved == 11);
    CHECK(r.report.converged());
}

TEST_CASE("bad input is refused with the reason", "[cases]") {
    const auto servers = equal_servers(3);
    CHECK_THROWS_WITH(first_build(1000, servers), Catch::Contains("not a power of two"));
    CHECK_THROWS_WITH(first_build(128, servers), Catch::Contains("256..4194304"));
    CHECK_THROWS_WITH(first_build(1u << 23, servers), Catch::Contains("256..4194304"));
    const Table small(256);
    CHECK_THROWS_WITH(build_table({512, servers, &small, kStart, {}}),
                      Catch::Contains("previous table has 256 buckets"));
    auto drained = equal_servers(2);
    for (Server& s : drained) s.state = ServerState::draining;
    CHECK_THROWS_WITH(first_build(256, drained), Catch::Contains("refusing to build an empty"));
    const BuildResult ok = first_build(256, servers);
    CHECK_THROWS_AS(rebuild(ok.table, drained, kStart), TableError);
}

TEST_CASE("the same inputs in any order give the same table", "[cases]") {
    auto servers = equal_servers(50);
    for (Server& s : servers) s.weight = 10 + s.index * 7 % 91;
    const BuildResult first = first_build(4096, servers);
    server(servers, 9).state = ServerState::draining;
    server(servers, 20).weight = 500;
    const BuildResult a = rebuild(first.table, servers, kStart + 1h);
    std::reverse(servers.begin(), servers.end());
    const BuildResult b = rebuild(first.table, servers, kStart + 1h);
    CHECK(a.table == b.table);
    CHECK(a.report.moved == b.report.moved);
}
