// SPDX-License-Identifier: MIT
// Hand-checked churn guard, move cap, forced moves and swap preference.
#include <catch2/catch.hpp>

#include "build_helpers.h"
#include "table_checks.h"

using namespace shoal::table;
using namespace shoal::table::test;

namespace {

struct Drained {
    std::vector<Server> servers = equal_servers(4);
    BuildResult first;
    BuildResult drained;  // server 4 drained at kStart + 1h
};

Drained drain_server_4() {
    Drained d;
    d.first = first_build(256, d.servers);
    server(d.servers, 4).state = ServerState::draining;
    d.drained = rebuild(d.first.table, d.servers, kStart + 1h);
    return d;
}

}  // namespace

TEST_CASE("the churn guard holds buckets changed within the window; the next build continues",
          "[cases]") {
    Drained d = drain_server_4();
    const Table& t = d.drained.table;
    std::size_t guarded = 0;  // server 1's buckets that it took over from 4 an hour in
    for (const Bucket& b : t) guarded += b.first_hop == 1 && b.second_hop == 4;
    REQUIRE(guarded > 0);
    const std::size_t owned = count_first(t, 1);

    server(d.servers, 1).weight = 0;
    const TimePoint soon = kStart + 1h + 1min;
    const BuildResult held = rebuild(t, d.servers, soon);
    require_rules({256, d.servers, &t, soon, {}}, held);
    CHECK(held.report.moved == owned - guarded);
    CHECK(held.report.held_by_guard == guarded);
    for (const Bucket& b : held.table)
        if (b.first_hop == 1) CHECK((b.second_hop == 4 && b.changed == kStart + 1h));

    const TimePoint later = kStart + 1h + 11min;
    const BuildResult rest = rebuild(held.table, d.servers, later);
    require_rules({256, d.servers, &held.table, later, {}}, rest);
    CHECK(rest.report.moved == guarded);
    CHECK(rest.report.converged());
    CHECK(count_first(rest.table, 1) == 0);
}

TEST_CASE(
    "past the chain window, buckets whose second hop still has connections stay, up to "
    "chain_hold_max",
    "[cases]") {
    Drained d = drain_server_4();
    const Table& t = d.drained.table;
    std::vector<std::uint8_t> busy(t.size(), 0);
    std::size_t busy_count = 0, guarded = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i].first_hop != 1 || t[i].second_hop != 4) continue;
        ++guarded;
        if (guarded % 2) {  // server 4 still holds connections in every other one
            busy[i] = 1;
            ++busy_count;
        }
    }
    REQUIRE(busy_count > 0);
    const std::size_t owned = count_first(t, 1);
    server(d.servers, 1).weight = 0;
    const BuildOptions options{.chain_window = 10min, .chain_hold_max = 1h};
    auto build = [&](const Table& previous, TimePoint now) {
        BuildInput input{.buckets = 256,
                         .servers = d.servers,
                         .previous = &previous,
                         .now = now,
                         .options = options,
                         .second_hop_busy = busy};
        auto result = build_table(input);
        require_rules(input, result);
        return result;
    };

    // After the window only the busy ones stay; each keeps server 4 as its second hop.
    const BuildResult after_window = build(t, kStart + 1h + 11min);
    CHECK(after_window.report.moved == owned - busy_count);
    CHECK(after_window.report.held_by_guard == busy_count);
    for (std::size_t i = 0; i < t.size(); ++i)
        if (busy[i])
            CHECK((after_window.table[i].first_hop == 1 && after_window.table[i].second_hop == 4));

    // Their connections end: the report no longer lists them, and they move.
    const std::vector<std::uint8_t> idle(t.size(), 0);
    BuildInput quiet{.buckets = 256,
                     .servers = d.servers,
                     .previous = &after_window.table,
                     .now = kStart + 1h + 12min,
                     .options = options,
                     .second_hop_busy = idle};
    const BuildResult moved = build_table(quiet);
    require_rules(quiet, moved);
    CHECK(moved.report.moved == busy_count);
    CHECK(count_first(moved.table, 1) == 0);

    // Connections that never end hold them at most chain_hold_max after their last change.
    const BuildResult capped = build(after_window.table, kStart + 2h + 1min);
    CHECK(capped.report.moved == busy_count);
    CHECK(count_first(capped.table, 1) == 0);
}

TEST_CASE("the move cap limits each build and the builds add up to the optimum", "[cases]") {
    auto servers = equal_servers(4);
    Table table = first_build(256, servers).table;
    servers.push_back({5, "s5", 100});
    BuildOptions capped;
    capped.max_moves = 10;
    std::vector<std::uint64_t> moves;
    TimePoint now = kStart;
    for (int round = 0; round < 10 && count_first(table, 5) < 51; ++round) {
        now += 1h;
        BuildResult r = rebuild(table, servers, now, capped);
        require_rules({256, servers, &table, now, capped}, r);
        CHECK(r.report.held_by_cap == r.report.optimal_moved - r.report.moved);
        moves.push_back(r.report.moved);
        table = std::move(r.table);
    }
    CHECK(moves == std::vector<std::uint64_t>{10, 10, 10, 10, 10, 1});
}

TEST_CASE("a down server's buckets move at once despite the guard and a zero cap", "[cases]") {
    Drained d = drain_server_4();
    const Table& t = d.drained.table;
    const std::size_t owned = count_first(t, 1);
    server(d.servers, 1).state = ServerState::down;
    BuildOptions frozen;
    frozen.max_moves = 0;
    const TimePoint now = kStart + 1h + 1min;
    const BuildResult r = rebuild(t, d.servers, now, frozen);
    require_rules({256, d.servers, &t, now, frozen}, r);
    CHECK(r.report.moved == owned);
    CHECK(r.report.forced_moved == owned);
    for (std::size_t b = 0; b < t.size(); ++b) {
        CHECK(r.table[b].first_hop != 1);
        CHECK(r.table[b].second_hop != 1);
        if (t[b].first_hop == 1) CHECK(r.table[b].second_hop == t[b].second_hop);  // 4 or none
    }
}

TEST_CASE("a server marked down stops being a second hop even when it owns nothing", "[cases]") {
    Drained d = drain_server_4();
    server(d.servers, 4).state = ServerState::down;
    BuildOptions frozen;
    frozen.max_moves = 0;
    const TimePoint now = kStart + 1h + 1min;
    const BuildResult r = rebuild(d.drained.table, d.servers, now, frozen);
    require_rules({256, d.servers, &d.drained.table, now, frozen}, r);
    CHECK(r.report.moved == 0);
    for (const Bucket& b : r.table) CHECK(b.second_hop == kNoServer);
}

TEST_CASE("buckets going to a server are first chosen among those it is second hop of", "[cases]") {
    Drained d = drain_server_4();
    server(d.servers, 4).state = ServerState::active;
    const TimePoint now = kStart + 5h;  // long after the window: any bucket could move
    const BuildResult r = rebuild(d.drained.table, d.servers, now);
    require_rules({256, d.servers, &d.drained.table, now, {}}, r);
    CHECK(r.report.swap_moved == 64);
    for (std::size_t b = 0; b < r.table.size(); ++b)
        CHECK(r.table[b].first_hop == d.first.table[b].first_hop);
}
