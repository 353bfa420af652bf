// SPDX-License-Identifier: MIT
// What every store promises the conductor and the agents (store.h), checked against the file
// store and the etcd store with the same cases.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "store_backends.h"
#include "store_fixture.h"
#include "support/wait.h"

using namespace shoal::store;
using shoal::test::EtcdBackend;
using shoal::test::FileBackend;
using shoal::test::make_report;
using shoal::test::make_snapshot;

namespace {

std::uint64_t generation_of(const ReadResult& result) {
    return result.snapshot ? result.snapshot->generation : 0;
}
}  // namespace

TEMPLATE_TEST_CASE("an empty store reads as nothing published", "[contract]", FileBackend,
                   EtcdBackend) {
    TestType backend;
    const auto result = backend.open()->read();
    CHECK(result.snapshot == nullptr);
    CHECK(result.current_generation == 0);
    CHECK(result.problems.empty());
    CHECK(backend.open()->generations().empty());
}

TEMPLATE_TEST_CASE("a published snapshot is what another reader of the store reads", "[contract]",
                   FileBackend, EtcdBackend) {
    TestType backend;
    auto writer = backend.open();
    writer->publish(make_snapshot(1));
    writer->publish(make_snapshot(5));  // generations may skip, they only have to grow
    auto reader = backend.open();
    const auto result = reader->read();
    REQUIRE(result.snapshot);
    CHECK(*result.snapshot == make_snapshot(5));
    CHECK(result.is_current());
    CHECK(result.problems.empty());
    CHECK(reader->generations() == std::vector<std::uint64_t>{1, 5});
    REQUIRE(reader->read_generation(1));
    CHECK(*reader->read_generation(1) == make_snapshot(1));
    CHECK(reader->read_generation(3) == nullptr);
}

TEMPLATE_TEST_CASE("publishing a generation not above the current one is refused", "[contract]",
                   FileBackend, EtcdBackend) {
    TestType backend;
    auto store = backend.open();
    store->publish(make_snapshot(7));
    CHECK_THROWS_AS(backend.open()->publish(make_snapshot(7)), StaleGenerationError);
    try {
        backend.open()->publish(make_snapshot(3));
        FAIL("stale generation accepted");
    } catch (const StaleGenerationError& e) {
        CHECK(e.refused() == 3);
        CHECK(e.current() == 7);
    }
    CHECK(backend.open()->read().snapshot->generation == 7);
    CHECK(store->generations() == std::vector<std::uint64_t>{7});
}

TEMPLATE_TEST_CASE("an invalid snapshot is refused before anything is written", "[contract]",
                   FileBackend, EtcdBackend) {
    TestType backend;
    auto store = backend.open();
    auto bad = make_snapshot(1);
    bad.tables[0].buckets.resize(300);
    CHECK_THROWS_WITH(store->publish(bad),
                      Catch::Contains("refused to publish generation 1: table web: 300 buckets"));
    CHECK(store->read().current_generation == 0);
    CHECK(store->generations().empty());
}

TEMPLATE_TEST_CASE("a corrupt current generation is never returned: the previous good one is",
                   "[contract]", FileBackend, EtcdBackend) {
    TestType backend;
    auto writer = backend.open();
    writer->publish(make_snapshot(1));
    writer->publish(make_snapshot(2));
    auto seen_two = backend.open();
    REQUIRE(seen_two->read().snapshot->generation == 2);
    writer->publish(make_snapshot(3));
    backend.corrupt(3);

    SECTION("a fresh reader falls back to the newest generation that verifies") {
        const auto result = backend.open()->read();
        REQUIRE(result.snapshot);
        CHECK(result.snapshot->generation == 2);
        CHECK(result.current_generation == 3);
        REQUIRE(result.problems.size() == 1);
        CHECK_THAT(result.problems[0], Catch::Contains("corrupt"));
    }
    SECTION("a reader that already has the previous generation keeps it") {
        const auto result = seen_two->read();
        CHECK(result.snapshot->generation == 2);
        CHECK(result.problems.size() == 1);
    }
    SECTION("read_generation of the corrupt generation throws with the reason") {
        CHECK_THROWS_WITH(backend.open()->read_generation(3), Catch::Contains("corrupt"));
    }
    SECTION("the next good publish is current again") {
        writer->publish(make_snapshot(4));
        const auto result = backend.open()->read();
        CHECK(result.snapshot->generation == 4);
        CHECK(result.problems.empty());
    }
}

TEMPLATE_TEST_CASE("a torn publish (generation written, pointer not flipped) is never applied",
                   "[contract]", FileBackend, EtcdBackend) {
    TestType backend;
    auto store = backend.open();
    store->publish(make_snapshot(1));
    backend.write_torn(make_snapshot(2));
    CHECK(backend.open()->read().snapshot->generation == 1);
    CHECK(backend.open()->read().current_generation == 1);
    CHECK(backend.open()->generations() == std::vector<std::uint64_t>{1});
    // The next publish may reuse the number, and wins over the orphan.
    store->publish(make_snapshot(2));
    CHECK(*backend.open()->read().snapshot == make_snapshot(2));
}

TEMPLATE_TEST_CASE("only the last N generations are kept", "[contract]", FileBackend, EtcdBackend) {
    TestType backend;
    auto store = backend.open(3);
    for (std::uint64_t generation = 1; generation <= 6; ++generation)
        store->publish(make_snapshot(generation));
    CHECK(store->generations() == std::vector<std::uint64_t>{4, 5, 6});
    CHECK(store->read_generation(2) == nullptr);
    REQUIRE(store->read_generation(5) != nullptr);
    CHECK(*store->read_generation(5) == make_snapshot(5));
}

TEMPLATE_TEST_CASE("agent reports round-trip, one per server, latest wins", "[contract]",
                   FileBackend, EtcdBackend) {
    TestType backend;
    auto agent1 = backend.open();
    auto agent2 = backend.open();
    agent1->put_report(make_report("srv1", 1));
    agent2->put_report(make_report("srv2", 1));
    agent1->put_report(make_report("srv1", 2));
    const auto result = backend.open()->read_reports();
    CHECK(result.problems.empty());
    REQUIRE(result.reports.size() == 2);
    CHECK(result.reports[0] == make_report("srv1", 2));
    CHECK(result.reports[1] == make_report("srv2", 1));
    CHECK_THROWS_WITH(agent1->put_report(make_report("../etc", 1)),
                      Catch::Contains("report for server \"../etc\": expected a name"));
}

TEMPLATE_TEST_CASE("a watch reports the current state first, then each publish", "[contract]",
                   FileBackend, EtcdBackend) {
    TestType backend;
    auto watched = backend.open();
    auto publisher = backend.open();
    publisher->publish(make_snapshot(1));
    boost::asio::io_context io;
    std::vector<ReadResult> seen;
    auto watch = watched->watch(io, [&](const ReadResult& result) { seen.push_back(result); });
    REQUIRE(shoal::test::run_until(io, [&] { return !seen.empty(); }));
    CHECK(generation_of(seen[0]) == 1);

    publisher->publish(make_snapshot(2));
    publisher->publish(make_snapshot(3));
    REQUIRE(shoal::test::run_until(io, [&] { return generation_of(seen.back()) == 3; }));
    CHECK(*seen.back().snapshot == make_snapshot(3));
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(generation_of(seen[i]) > generation_of(seen[i - 1]));
}

TEMPLATE_TEST_CASE("a 2^20-bucket table round-trips intact", "[contract]", FileBackend,
                   EtcdBackend) {
    TestType backend;
    const auto big = make_snapshot(1, 1u << 20);
    backend.open()->publish(big);
    const auto result = backend.open()->read();
    REQUIRE(result.snapshot);
    CHECK(result.problems.empty());
    CHECK(*result.snapshot == big);
}
