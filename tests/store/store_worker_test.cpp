// SPDX-License-Identifier: MIT
// The store worker: store calls run in order on its thread and answer on the io_context, a
// newer call replaces one of its kind not yet started, and a call held by a black-holed etcd
// member (a listener that never answers) leaves the io_context free the whole time.
#include "store/store_worker.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <future>

#include "black_hole.h"
#include "store/etcd_store.h"
#include "store/file_store.h"
#include "support/temp_dir.h"
#include "support/wait.h"

using namespace shoal::store;
using namespace std::chrono_literals;
using shoal::test::BlackHole;
using shoal::test::run_until;

namespace {

AgentReport report_of(std::string server, double load) {
    AgentReport report;
    report.server = std::move(server);
    report.reported_at = now_ms();
    report.load = load;
    return report;
}

// An etcd store whose only member is the black hole; each request is held until
// `request_timeout` passes.
EtcdStoreOptions black_holed(const BlackHole& hole, std::chrono::milliseconds request_timeout) {
    EtcdStoreOptions options;
    options.etcd.endpoints = {hole.endpoint()};
    options.etcd.prefix = "/worker";
    options.etcd.request_timeout = request_timeout;
    options.etcd.lease_ttl = request_timeout * 2;
    return options;
}

}  // namespace

TEST_CASE(
    "store calls run in order, answer on the io_context, and the newest report replaces one "
    "waiting") {
    shoal::test::TempDir dir;
    FileStore store({dir / "store"});
    boost::asio::io_context io;
    StoreWorker worker(io);

    std::promise<void> release;
    auto released = release.get_future().share();
    std::vector<std::string> answered;
    worker.submit(
        "hold", [released] { released.wait(); }, [&](auto) { answered.push_back("hold"); });
    REQUIRE(shoal::test::wait_until([&] { return worker.busy(); }));

    for (double load : {0.1, 0.2, 0.3})
        worker.submit(
            "report", [&store, report = report_of("srv1", load)] { store.put_report(report); },
            [&answered, load](StoreOutcome<std::monostate> outcome) {
                CHECK(outcome.ok());
                answered.push_back("report " + std::to_string(load));
            });
    std::optional<ReportsResult> read;
    worker.submit(
        "read", [&store] { return store.read_reports(); },
        [&](StoreOutcome<ReportsResult> outcome) {
            read = outcome.value;
            answered.push_back("read");
        });
    CHECK(worker.waiting() == 2);  // one report (the newest) and the read: bounded
    CHECK(worker.superseded() == 2);
    CHECK(answered.empty());  // nothing answers off the io_context

    release.set_value();
    REQUIRE(run_until(io, [&] { return answered.size() == 3; }));
    CHECK(answered == std::vector<std::string>{"hold", "report " + std::to_string(0.3), "read"});
    REQUIRE(read);
    REQUIRE(read->reports.size() == 1);
    CHECK(read->reports.front().load == 0.3);  // the read ran after the report it followed
}

TEST_CASE("a call that throws answers with its error") {
    boost::asio::io_context io;
    StoreWorker worker(io);
    std::optional<StoreOutcome<int>> outcome;
    worker.submit(
        "read", []() -> int { throw StoreError("file store /x: unreadable"); },
        [&](StoreOutcome<int> o) { outcome = std::move(o); });
    REQUIRE(run_until(io, [&] { return outcome.has_value(); }));
    CHECK_FALSE(outcome->ok());
    CHECK(outcome->error == "file store /x: unreadable");
}

TEST_CASE(
    "while a black-holed etcd member holds a report, the io_context keeps running and health "
    "answers") {
    BlackHole hole;
    EtcdStore store(black_holed(hole, 4s));
    boost::asio::io_context io;
    auto work = boost::asio::make_work_guard(io);
    StoreWorker worker(io);

    std::optional<StoreOutcome<std::monostate>> reported;
    worker.submit(
        "report", [&store] { store.put_report(report_of("srv1", 0.5)); },
        [&](StoreOutcome<std::monostate> outcome) { reported = std::move(outcome); });
    std::optional<BlackHole::Held> held;
    REQUIRE(run_until(io, [&] { return (held = hole.open_with({"POST /v3/"})).has_value(); }));

    // The loop's other work (timers, like health probes and API answers) goes on, each turn
    // seen while the request is still held on its open connection and unanswered.
    int turns_while_held = 0;
    for (int turn = 0; turn < 5; ++turn) {
        bool fired = false;
        boost::asio::steady_timer timer(io, 1ms);
        timer.async_wait([&](const boost::system::error_code&) { fired = true; });
        REQUIRE(run_until(io, [&] { return fired; }));
        (void)store.health();  // the event loop asks it for status and metrics: never waits
        if (hole.is_open(held->id) && !reported && worker.busy()) ++turns_while_held;
    }
    CHECK(turns_while_held == 5);

    // Then etcd's silence comes back as the report's error, on the loop.
    REQUIRE(run_until(
        io, [&] { return reported.has_value(); }, 60s));
    CHECK_FALSE(reported->ok());
    CHECK_THAT(reported->error,
               Catch::Contains("etcd unreachable") && Catch::Contains("timed out"));
    CHECK_FALSE(store.health().reachable);
}

TEST_CASE("stop drops the calls waiting, and no answer comes after it") {
    BlackHole hole;
    EtcdStore store(black_holed(hole, 1s));
    boost::asio::io_context io;
    int answers = 0;
    {
        StoreWorker worker(io);
        for (int i = 0; i < 2; ++i)
            worker.submit(
                "report" + std::to_string(i),
                [&store] { store.put_report(report_of("srv1", 0.5)); }, [&](auto) { ++answers; });
        REQUIRE(shoal::test::wait_until([&] { return hole.open_with({"POST /v3/"}).has_value(); }));
        CHECK(worker.waiting() == 1);
        worker.stop();
        CHECK(worker.waiting() == 0);
        // Submitting after stop does nothing.
        worker.submit(
            "late", [] {}, [&](auto) { ++answers; });
        CHECK(worker.waiting() == 0);
    }  // the destructor waits for the held call to give up (request_timeout)
    io.restart();
    io.poll();  // whatever it posted runs now, or never
    CHECK(answers == 0);
}
