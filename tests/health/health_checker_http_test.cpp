// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "base/ip_address.h"
#include "health/health_checker.h"
#include "health_recorder.h"
#include "loopback_servers.h"
#include "support/wait.h"

using namespace shoal::health;
using namespace shoal::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

std::string host_header(const std::string& address, std::uint16_t port) {
    return shoal::endpoint_text(address, port);
}

}  // namespace

TEST_CASE("HTTP check with 200 marks up and sends GET path, Host and Connection: close",
          "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    HttpTestServer server(io, asio::ip::make_address(address), HttpTestServer::always(200));
    OneTargetCheck one(io, address, server.port(), fast_check(CheckType::http, 2, 2));

    const auto& up = one.first_transition(io);
    CHECK(up.transition.to == HealthState::up);
    CHECK(up.transition.reason == "http status 200");
    CHECK(up.probes_of_target == 2);
    REQUIRE(server.requests().size() >= 2);
    const RecordedRequest& request = server.requests().front();
    CHECK(request.method == "GET");
    CHECK(request.target == "/healthz");
    CHECK(request.host == host_header(address, server.port()));
    CHECK(request.connection == "close");
}

TEST_CASE("HTTP check with 503 marks down with the status as reason", "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    HttpTestServer server(io, asio::ip::make_address(address), HttpTestServer::always(503));
    OneTargetCheck one(io, address, server.port(), fast_check(CheckType::http, 2, 3));

    const auto& down = one.first_transition(io);
    CHECK(down.transition.from == HealthState::unknown);
    CHECK(down.transition.to == HealthState::down);
    CHECK(down.transition.reason == "http status 503");
    CHECK(down.probes_of_target == 3);
}

TEST_CASE("HTTP check counts only 2xx statuses as healthy", "[health]") {
    const auto [status, healthy] = GENERATE(table<unsigned, bool>(
        {{200, true}, {204, true}, {299, true}, {301, false}, {404, false}, {500, false}}));
    asio::io_context io;
    HttpTestServer server(io, asio::ip::make_address("127.0.0.1"), HttpTestServer::always(status));
    OneTargetCheck one(io, "127.0.0.1", server.port(), fast_check(CheckType::http, 1, 1));

    REQUIRE(run_until(io, [&] { return !one.recorder.transitions.empty(); }));
    INFO("status " << status);
    CHECK(one.recorder.transitions.front().transition.to ==
          (healthy ? HealthState::up : HealthState::down));
    CHECK(one.recorder.transitions.front().transition.reason ==
          "http status " + std::to_string(status));
}

TEST_CASE("HTTP check sends the configured Host header", "[health]") {
    asio::io_context io;
    HttpTestServer server(io, asio::ip::make_address("127.0.0.1"), HttpTestServer::always(200));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    Target target =
        make_target("srv-a", "127.0.0.1", server.port(), fast_check(CheckType::http, 1, 1));
    target.check.http_host = "web.example";
    checker.set_targets({&target, 1});

    REQUIRE(run_until(io, [&] { return !server.requests().empty(); }));
    CHECK(server.requests().front().host == "web.example");
}

TEST_CASE("HTTP check against a server that never answers fails by timeout", "[health]") {
    const std::string address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    SilentServer server(io, asio::ip::make_address(address));
    HealthRecorder recorder;
    HealthChecker checker(io, recorder.callbacks());
    CheckConfig check = fast_check(CheckType::http, 1, 2);
    check.timeout = 100ms;
    const Target target = make_target("srv-a", address, server.port(), check);
    checker.set_targets({&target, 1});

    REQUIRE(run_until(io, [&] { return !recorder.transitions.empty(); }));
    const auto& down = recorder.transitions.front();
    CHECK(down.transition.to == HealthState::down);
    CHECK(down.transition.reason == "timeout after 100ms");
    CHECK(down.probes_of_target == 2);
    CHECK(server.accepted() >= 2);  // connected, then waited for an answer that never came
    for (const auto& probe : recorder.probes) {
        CHECK_FALSE(probe.healthy);
        CHECK(probe.duration >= 100ms);
    }
}
