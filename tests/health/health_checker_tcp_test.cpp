// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "health/health_checker.h"
#include "health_recorder.h"
#include "loopback_servers.h"
#include "support/wait.h"

using namespace shoal::health;
using namespace shoal::test;
namespace asio = boost::asio;

TEST_CASE("TCP check marks a listening server up after rise successes", "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    TcpListener listener(io, asio::ip::make_address(address));
    OneTargetCheck one(io, address, listener.port(), fast_check(CheckType::tcp, 3, 2));

    const auto& first = one.first_transition(io);
    CHECK(first.transition.target == one.target.id);
    CHECK(first.transition.from == HealthState::unknown);
    CHECK(first.transition.to == HealthState::up);
    CHECK(first.transition.reason == "connect ok");
    CHECK(first.probes_of_target == 3);
    // The kernel completes handshakes before the listener's accept handlers run.
    CHECK(run_until(io, [&] { return listener.accepted() >= 3; }));
    CHECK(one.checker.status(one.target.id)->state == HealthState::up);
    for (const auto& probe : one.recorder.probes) CHECK(probe.healthy);
}

TEST_CASE("TCP check marks a refusing port down with the connect error", "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    RefusingPort closed(io, asio::ip::make_address(address));
    OneTargetCheck one(io, address, closed.port(), fast_check(CheckType::tcp, 2, 3));

    const auto& first = one.first_transition(io);
    CHECK(first.transition.from == HealthState::unknown);
    CHECK(first.transition.to == HealthState::down);
    CHECK(first.transition.reason == "connect: Connection refused");
    CHECK(first.probes_of_target == 3);
    for (const auto& probe : one.recorder.probes) {
        CHECK_FALSE(probe.healthy);
        CHECK(probe.reason == "connect: Connection refused");
    }
}

TEST_CASE("TCP check takes a server that stops listening down after fall failures", "[health]") {
    asio::io_context io;
    TcpListener listener(io, asio::ip::make_address("127.0.0.1"));
    OneTargetCheck one(io, "127.0.0.1", listener.port(), fast_check(CheckType::tcp, 1, 4));
    REQUIRE(run_until(io, [&] { return one.recorder.transitions.size() == 1; }));

    listener.close();
    const std::size_t probes_before_close = one.recorder.probes.size();
    REQUIRE(run_until(io, [&] { return one.recorder.transitions.size() == 2; }));

    // The first failure comes after every probe that started before the close.
    std::size_t last_success = 0;
    for (std::size_t i = 0; i < one.recorder.probes.size(); ++i) {
        if (one.recorder.probes[i].healthy) last_success = i + 1;
    }
    CHECK(last_success >= probes_before_close);
    const auto& down = one.recorder.transitions.back();
    CHECK(down.transition.from == HealthState::up);
    CHECK(down.transition.to == HealthState::down);
    CHECK(down.transition.reason == "connect: Connection refused");
    CHECK(down.probes_of_target == last_success + 4);
}
