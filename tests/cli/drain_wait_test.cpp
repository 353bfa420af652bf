// SPDX-License-Identifier: MIT
// shoalctl drain --wait against a daemon whose established count falls poll by poll:
// reaching 0, timing out, on a terminal (progress bar) and with -o json.
#include <algorithm>
#include <catch2/catch.hpp>

#include "shoalctl_run.h"

using namespace shoal::test;
using nlohmann::json;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
    return count;
}

}  // namespace

TEST_CASE("drain --wait prints a line per change and exits 0 when none are left") {
    CannedDaemon daemon;
    daemon.set_drain_countdown({3, 2, 1, 0});
    const auto run = shoalctl(daemon, {"drain", "srv2", "--wait", "--interval", "50ms"});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("srv2 is draining (generation 43)\n"
                                          "srv2: 3 connections left ("));
    CHECK(occurrences(run.out, "srv2: 2 connections left (") == 1);
    CHECK(occurrences(run.out, "srv2: 1 connection left (") == 1);
    CHECK_THAT(run.out, Catch::Contains("\nsrv2 is drained: no established connections left ("));
    CHECK(run.out.find('\r') == std::string::npos);
    CHECK(daemon.status_polls() == 4);
}

TEST_CASE("drain --wait times out with exit 1 and says how many are left") {
    CannedDaemon daemon;
    daemon.set_drain_countdown({5, 4});
    const auto start = std::chrono::steady_clock::now();
    const auto run =
        shoalctl(daemon, {"drain", "srv2", "--wait", "--timeout", "1s", "--interval", "100ms"});
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(run.exit_code == 1);
    CHECK(took >= std::chrono::seconds(1));
    // Plain lines only when the count changes (or every few seconds).
    CHECK(occurrences(run.out, "srv2: 5 connections left (") == 1);
    CHECK(occurrences(run.out, "srv2: 4 connections left (") == 1);
    CHECK(run.err ==
          "shoalctl drain: timed out after 1s with 4 connections left; srv2 stays drained\n");
    CHECK(daemon.status_polls() >= 5);
}

TEST_CASE("drain --wait on a terminal redraws one progress line") {
    CannedDaemon daemon;
    daemon.set_drain_countdown({4, 2, 0});
    ProcessOptions options;
    options.stdout_on_terminal = true;
    const auto run = shoalctl(daemon, {"drain", "srv2", "--wait", "--interval", "50ms"}, options);
    INFO(run.out);
    CHECK(run.exit_code == 0);
    // Elapsed times are left out: a loaded machine may take a second or more.
    CHECK_THAT(run.out, Catch::Contains("\r[..............................] 4 connections left, "));
    CHECK_THAT(run.out, Catch::Contains("\r[###############...............] 2 connections left, "));
    CHECK_THAT(run.out, Catch::Contains("s\x1b[K"));
    CHECK_THAT(run.out, Catch::Contains("\r\x1b[Ksrv2 is drained: no established connections "
                                        "left ("));
    CHECK_THAT(run.out, Catch::EndsWith("s)\n"));
    CHECK(run.out.find("srv2: 4 connections left") == std::string::npos);
}

TEST_CASE("drain --wait -o json prints only the server's final status") {
    CannedDaemon daemon;
    daemon.set_drain_countdown({2, 0});
    auto run = shoalctl(daemon, {"drain", "srv2", "--wait", "--interval", "50ms", "-o", "json"});
    CHECK(run.exit_code == 0);
    auto server = json::parse(run.out);
    CHECK(server.at("name") == "srv2");
    CHECK(server.at("state") == "draining");
    CHECK(server.at("established") == 0);

    CannedDaemon stuck;
    stuck.set_drain_countdown({7});
    run = shoalctl(stuck, {"drain", "srv2", "--wait", "--timeout", "200ms", "--interval", "50ms",
                           "-o", "json"});
    CHECK(run.exit_code == 1);
    server = json::parse(run.out);
    CHECK(server.at("established") == 7);
    CHECK_THAT(run.err, Catch::Contains("timed out after 200ms with 7 connections left"));
}

TEST_CASE("drain --wait of an unknown server fails before waiting") {
    CannedDaemon daemon;
    const auto run = shoalctl(daemon, {"drain", "srv9", "--wait"});
    CHECK(run.exit_code == 1);
    CHECK(run.err == "shoalctl drain: unknown server srv9 (HTTP 404 Not Found)\n");
    CHECK(daemon.status_polls() == 0);
}

TEST_CASE("drain --wait stops with exit 1 when the server is undrained meanwhile") {
    CannedDaemon daemon;
    daemon.set_drain_countdown({9});
    daemon.undrain_after_polls(2);
    const auto run = shoalctl(daemon, {"drain", "srv2", "--wait", "--interval", "50ms"});
    CHECK(run.exit_code == 1);
    CHECK(run.err ==
          "shoalctl drain: srv2 is active again (undrained meanwhile); stopped waiting\n");
    CHECK(daemon.status_polls() == 3);
}
