// SPDX-License-Identifier: MIT
// Flapping, reloads, removal and stop: what the checker reports over a target's life.
#include <catch2/catch.hpp>

#include "health/health_checker.h"
#include "health_recorder.h"
#include "loopback_servers.h"
#include "support/wait.h"

using namespace shoal::health;
using namespace shoal::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

std::string describe(const RecordedTransition& recorded) {
    return std::to_string(recorded.probes_of_target) + ":" +
           std::string(to_string(recorded.transition.from)) + "->" +
           std::string(to_string(recorded.transition.to)) + " (" + recorded.transition.reason + ")";
}

std::vector<std::string> describe_all(const std::vector<RecordedTransition>& transitions) {
    std::vector<std::string> out;
    for (const auto& recorded : transitions) out.push_back(describe(recorded));
    return out;
}

}  // namespace

TEST_CASE("a flapping server changes state only after rise/fall consecutive results", "[health]") {
    asio::io_context io;
    // Probe:  1   2 | 3   4   5 | 6   7   8 | 9  10  11  12 | then 200 forever.
    HttpTestServer server(io, asio::ip::make_address("127.0.0.1"),
                          HttpTestServer::sequence(
                              {200, 200, 503, 503, 200, 503, 503, 503, 200, 503, 200, 200}, 200));
    OneTargetCheck one(io, "127.0.0.1", server.port(), fast_check(CheckType::http, 2, 3));

    REQUIRE(run_until(io, [&] { return one.recorder.probes.size() >= 16; }));
    CHECK(describe_all(one.recorder.transitions) ==
          std::vector<std::string>{"2:unknown->up (http status 200)",
                                   "8:up->down (http status 503)",
                                   "12:down->up (http status 200)"});
    const TargetStatus status = *one.checker.status(one.target.id);
    CHECK(status.state == HealthState::up);
    CHECK(status.consecutive_failures == 0);
    CHECK(status.consecutive_successes == status.probes - 10);
}

TEST_CASE("removing a target stops probing it and reports nothing more about it", "[health]") {
    asio::io_context io;
    HttpTestServer kept_server(io, asio::ip::make_address("127.0.0.1"),
                               HttpTestServer::always(200));
    HttpTestServer removed_server(io, asio::ip::make_address("127.0.0.1"),
                                  HttpTestServer::always(200));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    const Target kept =
        make_target("kept", "127.0.0.1", kept_server.port(), fast_check(CheckType::http, 1, 1));
    const Target removed = make_target("removed", "127.0.0.1", removed_server.port(),
                                       fast_check(CheckType::http, 1, 1));
    const std::vector<Target> both{kept, removed};
    checker.set_targets(both);
    REQUIRE(run_until(io, [&] { return recorder.transitions.size() == 2; }));

    REQUIRE(checker.remove(removed.id));
    CHECK_FALSE(checker.remove(removed.id));
    CHECK_FALSE(checker.status(removed.id).has_value());
    const std::size_t removed_requests = removed_server.requests().size();
    const std::size_t removed_probes = recorder.probes_of(removed.id);
    const std::size_t kept_requests = kept_server.requests().size();

    // Ten intervals later the kept target has been probed again, the removed one never.
    run_for(io, 100ms);
    CHECK(kept_server.requests().size() > kept_requests);
    CHECK(removed_server.requests().size() <= removed_requests + 1);  // at most one in flight
    CHECK(recorder.probes_of(removed.id) == removed_probes);
    CHECK(recorder.transitions.size() == 2);
}

TEST_CASE("stop cancels probes in flight and nothing is called afterwards", "[health]") {
    asio::io_context io;
    SilentServer silent(io, asio::ip::make_address("::1"));
    TcpListener listener(io, asio::ip::make_address("127.0.0.1"));
    HealthRecorder recorder;
    auto checker = std::make_unique<HealthChecker>(io, recorder.callbacks());
    CheckConfig slow = fast_check(CheckType::http, 1, 1);
    slow.timeout = 10s;
    const std::vector<Target> targets{
        make_target("silent", "::1", silent.port(), slow),
        make_target("tcp", "127.0.0.1", listener.port(), fast_check(CheckType::tcp, 1, 1))};
    checker->set_targets(targets);
    REQUIRE(run_until(io, [&] { return silent.accepted() == 1 && listener.accepted() >= 2; }));

    checker->stop();
    CHECK(checker->size() == 0);
    CHECK_THROWS_AS(checker->set_targets(targets), HealthError);
    const std::size_t probes = recorder.probes.size();
    const std::size_t transitions = recorder.transitions.size();
    checker.reset();
    silent.close();
    listener.close();

    // With the servers closed, only the checker's cancelled work could keep io busy.
    REQUIRE(run_until(
                io, [] { return false; }, 5s) == false);
    CHECK(io.stopped());  // ran out of work long before the deadline
    CHECK(recorder.probes.size() == probes);
    CHECK(recorder.transitions.size() == transitions);
}

TEST_CASE("a reload keeps the state of unchanged targets and resets changed probes", "[health]") {
    asio::io_context io;
    HttpTestServer server_a(io, asio::ip::make_address("127.0.0.1"), HttpTestServer::always(200));
    HttpTestServer server_b(io, asio::ip::make_address("::1"), HttpTestServer::always(200));
    HttpTestServer server_c(io, asio::ip::make_address("127.0.0.1"), HttpTestServer::always(200));
    RefusingPort closed(io, asio::ip::make_address("::1"));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks(), 1234);

    const Target a =
        make_target("a", "127.0.0.1", server_a.port(), fast_check(CheckType::http, 2, 2));
    const Target b = make_target("b", "::1", server_b.port(), fast_check(CheckType::http, 2, 2));
    checker.set_targets(std::vector<Target>{a, b});
    REQUIRE(run_until(io, [&] { return recorder.transitions.size() == 2; }));

    // Reload 1: a unchanged, b with new timings, c new.
    Target b_retimed = b;
    b_retimed.check.interval = 15ms;
    b_retimed.check.jitter = 5ms;
    b_retimed.check.fall = 4;
    const Target c =
        make_target("c", "127.0.0.1", server_c.port(), fast_check(CheckType::http, 1, 1));
    checker.set_targets(std::vector<Target>{a, b_retimed, c});
    CHECK(checker.status(a.id)->state == HealthState::up);
    CHECK(checker.status(b.id)->state == HealthState::up);
    CHECK(checker.status(b.id)->target == b_retimed);
    CHECK(checker.status(c.id)->state == HealthState::unknown);
    REQUIRE(run_until(io, [&] { return !recorder.transitions_of(c.id).empty(); }));
    CHECK(recorder.transitions_of(a.id).size() == 1);
    CHECK(recorder.transitions_of(b.id).size() == 1);
    CHECK(describe(recorder.transitions_of(c.id).front()) == "1:unknown->up (http status 200)");

    // Reload 2: b now probes a refusing port, a is dropped.
    Target b_moved = b_retimed;
    b_moved.port = closed.port();
    checker.set_targets(std::vector<Target>{b_moved, c});
    CHECK_FALSE(checker.status(a.id).has_value());
    CHECK(checker.status(b.id)->state == HealthState::unknown);
    REQUIRE(run_until(io, [&] { return recorder.transitions_of(b.id).size() == 3; }));
    const auto b_transitions = recorder.transitions_of(b.id);
    CHECK(b_transitions[1].transition.from == HealthState::up);
    CHECK(b_transitions[1].transition.to == HealthState::unknown);
    CHECK(b_transitions[1].transition.reason == "health check reconfigured");
    CHECK(b_transitions[2].transition.from == HealthState::unknown);
    CHECK(b_transitions[2].transition.to == HealthState::down);
    CHECK(b_transitions[2].transition.reason == "connect: Connection refused");
    CHECK(checker.status(b.id)->probes == 4);  // fall = 4, counted from the reset
    CHECK(recorder.transitions_of(c.id).size() == 1);
}

TEST_CASE("a reload with a shorter interval takes effect before the old interval ends",
          "[health]") {
    asio::io_context io;
    TcpListener listener(io, asio::ip::make_address("127.0.0.1"));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    Target target =
        make_target("a", "127.0.0.1", listener.port(), fast_check(CheckType::tcp, 2, 2));
    target.check.interval = 1h;
    checker.set_targets({&target, 1});
    REQUIRE(run_until(io, [&] { return recorder.probes.size() == 1; }));

    target.check.interval = 10ms;
    checker.set_targets({&target, 1});
    REQUIRE(run_until(io, [&] { return !recorder.transitions.empty(); }));
    CHECK(describe(recorder.transitions.front()) == "2:unknown->up (connect ok)");
}

TEST_CASE("set_targets refuses an invalid or duplicate target and changes nothing", "[health]") {
    asio::io_context io;
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    const Target good = make_target("a", "127.0.0.1", 9, fast_check(CheckType::tcp, 1, 1));
    checker.set_targets({&good, 1});

    Target bad = make_target("b", "127.0.0.1", 9, fast_check(CheckType::tcp, 1, 1));
    bad.check.fall = 0;
    CHECK_THROWS_WITH(checker.set_targets(std::vector<Target>{bad}),
                      "health check web/b: fall must be at least 1, got 0");
    CHECK_THROWS_WITH(checker.set_targets(std::vector<Target>{good, good}),
                      "health check web/a: target listed twice");
    REQUIRE(checker.size() == 1);
    CHECK(checker.status(good.id).has_value());
}
