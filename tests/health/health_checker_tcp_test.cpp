// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "health/health_checker.h"
#include "health_recorder.h"
#include "io_wait.h"
#include "loopback_servers.h"

using namespace shoal::health;
using namespace shoal::test;
namespace asio = boost::asio;

TEST_CASE("TCP check marks a listening server up after rise successes", "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    TcpListener listener(io, asio::ip::make_address(address));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    const Target target =
        make_target("srv-a", address, listener.port(), fast_check(CheckType::tcp, 3, 2));
    checker.set_targets({&target, 1});

    REQUIRE(run_until(io, [&] { return !recorder.transitions.empty(); }));
    const auto& first = recorder.transitions.front();
    CHECK(first.transition.target == target.id);
    CHECK(first.transition.from == HealthState::unknown);
    CHECK(first.transition.to == HealthState::up);
    CHECK(first.transition.reason == "connect ok");
    CHECK(first.probes_of_target == 3);
    // The kernel completes handshakes before the listener's accept handlers run.
    CHECK(run_until(io, [&] { return listener.accepted() >= 3; }));
    CHECK(checker.status(target.id)->state == HealthState::up);
    for (const auto& probe : recorder.probes) CHECK(probe.healthy);
}

TEST_CASE("TCP check marks a refusing port down with the connect error", "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    RefusingPort closed(io, asio::ip::make_address(address));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    const Target target =
        make_target("srv-a", address, closed.port(), fast_check(CheckType::tcp, 2, 3));
    checker.set_targets({&target, 1});

    REQUIRE(run_until(io, [&] { return !recorder.transitions.empty(); }));
    const auto& first = recorder.transitions.front();
    CHECK(first.transition.from == HealthState::unknown);
    CHECK(first.transition.to == HealthState::down);
    CHECK(first.transition.reason == "connect: Connection refused");
    CHECK(first.probes_of_target == 3);
    for (const auto& probe : recorder.probes) {
        CHECK_FALSE(probe.healthy);
        CHECK(probe.reason == "connect: Connection refused");
    }
}

TEST_CASE("TCP check takes a server that stops listening down after fall failures", "[health]") {
    asio::io_context io;
    TcpListener listener(io, asio::ip::make_address("127.0.0.1"));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    const Target target =
        make_target("srv-a", "127.0.0.1", listener.port(), fast_check(CheckType::tcp, 1, 4));
    checker.set_targets({&target, 1});
    REQUIRE(run_until(io, [&] { return recorder.transitions.size() == 1; }));

    listener.close();
    const std::size_t probes_before_close = recorder.probes.size();
    REQUIRE(run_until(io, [&] { return recorder.transitions.size() == 2; }));

    // The first failure comes after every probe that started before the close.
    std::size_t last_success = 0;
    for (std::size_t i = 0; i < recorder.probes.size(); ++i) {
        if (recorder.probes[i].healthy) last_success = i + 1;
    }
    CHECK(last_success >= probes_before_close);
    const auto& down = recorder.transitions.back();
    CHECK(down.transition.from == HealthState::up);
    CHECK(down.transition.to == HealthState::down);
    CHECK(down.transition.reason == "connect: Connection refused");
    CHECK(down.probes_of_target == last_success + 4);
}
