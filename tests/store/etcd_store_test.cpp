// SPDX-License-Identifier: MIT
// What only the etcd store does: chunked generations, fenced publishes, leased reports,
// riding out an outage, failing over between members.
#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "store/store_error.h"
#include "store_backends.h"
#include "store_fixture.h"
#include "support/wait.h"

using namespace shoal::store;
using namespace std::chrono_literals;
using shoal::test::EtcdBackend;
using shoal::test::make_snapshot;

namespace {
std::uint64_t generation_of(const ReadResult& result) {
    return result.snapshot ? result.snapshot->generation : 0;
}

bool mentions(const ReadResult& result, std::string_view text) {
    for (const auto& problem : result.problems)
        if (problem.find(text) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("a generation larger than one etcd request is written as chunks under the limit") {
    EtcdBackend backend;
    auto options = backend.options();
    options.etcd.chunk_bytes = 512 * 1024;  // the default
    nlohmann::json bytes_per_generation;
    std::uint64_t generation = 0;
    for (unsigned bits : {16u, 20u}) {
        EtcdStore store(options);
        store.publish(make_snapshot(++generation, 1u << bits));
        const EtcdLayout layout(backend.prefix);
        auto etcd = backend.client();
        const auto record =
            GenerationRecord::parse(etcd.get(layout.generation(generation))->value, "test");
        const auto chunks =
            etcd.range(layout.chunks_of(generation), prefix_end(layout.chunks_of(generation))).kvs;
        CHECK(chunks.size() == record.chunks);
        for (const auto& chunk : chunks) CHECK(chunk.value.size() <= options.etcd.chunk_bytes);
        if (bits == 20) CHECK(record.chunks > 1);
        bytes_per_generation[fmt::format("buckets_2^{}", bits)] = {
            {"bytes_written", store.last_publish_bytes()}, {"chunks", record.chunks}};
        CHECK(*EtcdStore(options).read().snapshot == make_snapshot(generation, 1u << bits));
    }
    // The figure for the closing note: what one generation costs in etcd (a "web" table of
    // the given size with 64 servers plus a 256-bucket "dns" table).
    std::cout << nlohmann::json{{"etcd_bytes_per_generation", bytes_per_generation}}.dump() << "\n";
}

TEST_CASE("a fenced publish goes through only while the fence's lease holds the leader key") {
    EtcdBackend backend;
    auto store = backend.open();
    auto etcd = backend.client();
    const EtcdLayout layout(backend.prefix);
    const auto mine = etcd.grant_lease(10s);
    etcd.put(layout.leader(), "conductor-a", mine);
    store->set_fence(PublishFence{layout.leader(), mine});
    store->publish(make_snapshot(1));
    CHECK(backend.open()->read().current_generation == 1);

    // Another conductor took over: the leader key is now held under its lease.
    const auto theirs = etcd.grant_lease(10s);
    etcd.revoke_lease(mine);
    etcd.put(layout.leader(), "conductor-b", theirs);
    CHECK_THROWS_AS(store->publish(make_snapshot(2)), NotLeaderError);
    CHECK_THROWS_WITH(store->publish(make_snapshot(2)),
                      Catch::Contains("is no longer held under this conductor's lease"));
    CHECK(backend.open()->read().current_generation == 1);
    // The refused publish left no chunks behind.
    CHECK(etcd.range(layout.chunks_of(2), prefix_end(layout.chunks_of(2)), true).kvs.empty());
}

TEST_CASE("an agent's report expires with its lease once it stops reporting") {
    EtcdBackend backend;
    AgentReport report;
    report.server = "srv1";
    report.reported_at = now_ms();
    {
        auto agent = backend.open();  // lease_ttl 2s in tests
        agent->put_report(report);
        agent->put_report(report);  // refreshes the same lease
        REQUIRE(backend.open()->read_reports().reports.size() == 1);
    }
    auto conductor = backend.open();
    CHECK(shoal::test::wait_until([&] { return conductor->read_reports().reports.empty(); }, 15s));
}

TEST_CASE("through an etcd outage readers keep the last good snapshot and resync after it") {
    shoal::test::EtcdServer server;
    EtcdStoreOptions options{server.store_config("/outage"), 10, 100ms};
    EtcdStore publisher(options), watched(options);
    publisher.publish(make_snapshot(1));
    boost::asio::io_context io;
    std::vector<ReadResult> seen;
    auto watch = watched.watch(io, [&](const ReadResult& result) { seen.push_back(result); });
    REQUIRE(shoal::test::run_until(
        io, [&] { return !seen.empty() && generation_of(seen.back()) == 1; }));

    server.kill();
    REQUIRE(shoal::test::run_until(io, [&] { return mentions(seen.back(), "etcd unreachable"); }));
    CHECK(generation_of(seen.back()) == 1);  // the agent keeps forwarding with it
    const auto during = publisher.read();
    CHECK(generation_of(during) == 1);
    CHECK(mentions(during, "etcd unreachable"));
    CHECK_FALSE(publisher.health().reachable);
    CHECK_THROWS_AS(publisher.publish(make_snapshot(2)), EtcdUnavailableError);

    server.restart();
    REQUIRE(shoal::test::run_until(
        io, [&] { return seen.back().problems.empty(); }, 20s));
    publisher.publish(make_snapshot(2));
    publisher.publish(make_snapshot(3));
    // Compacting away the revisions the watch last saw: whether it resumes or re-reads, it
    // ends on the newest generation.
    auto etcd = shoal::test::EtcdBackend{server, "/outage"}.client();
    etcd.call("/v3/kv/compaction",
              {{"revision", std::to_string(etcd.range("/outage/current").revision)}});
    REQUIRE(shoal::test::run_until(io, [&] { return generation_of(seen.back()) == 3; }));
    CHECK(seen.back().problems.empty());
    CHECK(publisher.health().reachable);
}

TEST_CASE("a member that does not answer is skipped for the next one in the list") {
    EtcdBackend backend;
    auto options = backend.options();
    const shoal::config::EtcdEndpoint dead{false, "127.0.0.1", shoal::test::free_port()};
    options.etcd.endpoints.insert(options.etcd.endpoints.begin(), dead);
    EtcdStore store(options);
    store.publish(make_snapshot(1));
    CHECK(store.read().snapshot->generation == 1);
    CHECK(store.health().reachable);
    CHECK(store.health().endpoint == backend.server.endpoint().url());

    options.etcd.endpoints = {dead};
    const auto alone = EtcdStore(options).read();
    REQUIRE(alone.problems.size() == 1);
    CHECK_THAT(alone.problems[0], Catch::Contains("etcd unreachable"));
    CHECK_THAT(alone.problems[0], Catch::Contains(dead.url() + ": connect"));
}

TEST_CASE("publish to watch-callback latency on loopback (a figure, not a limit)") {
    EtcdBackend backend;
    auto publisher = backend.open();
    auto watched = backend.open();
    boost::asio::io_context io;
    std::uint64_t latest = 0;
    auto watch =
        watched->watch(io, [&](const ReadResult& result) { latest = generation_of(result); });
    REQUIRE(shoal::test::run_until(
        io, [&] { return true; }, 100ms));
    std::vector<double> latencies_ms;
    for (std::uint64_t generation = 1; generation <= 20; ++generation) {
        const auto snapshot = make_snapshot(generation, 1u << 16);
        const auto started = std::chrono::steady_clock::now();
        publisher->publish(snapshot);
        REQUIRE(shoal::test::run_until(io, [&] { return latest == generation; }));
        latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count());
    }
    std::sort(latencies_ms.begin(), latencies_ms.end());
    std::cout << nlohmann::json{{"etcd_publish_to_watch_ms_2^16",
                                 {{"p50", latencies_ms[latencies_ms.size() / 2]},
                                  {"max", latencies_ms.back()}}}}
                     .dump()
              << "\n";
}
