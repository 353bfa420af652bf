// SPDX-License-Identifier: MIT
// A conductor-only shoald whose etcd is black-holed (a listener that accepts and never
// answers, tests/store/black_hole.h) keeps answering its control API and its metrics while
// its background store calls are held there: each answer arrives while the held request's
// connection is still open. No data plane and no root: label unit.
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/api_client.h"
#include "black_hole.h"
#include "etcd_server.h"
#include "shoald_child.h"
#include "store/base64.h"
#include "support/temp_dir.h"
#include "support/wait.h"

using namespace std::chrono_literals;
using nlohmann::json;
using shoal::test::ShoaldChild;

namespace {

json conductor_config(const std::filesystem::path& dir, const shoal::config::EtcdEndpoint& etcd,
                      std::uint16_t metrics_port) {
    return {{"fleet", shoal::test::small_fleet(2, 8)},
            // A request timeout long enough that several API answers fit inside one held request.
            {"store", shoal::test::etcd_store_section(etcd.url(), "/stall",
                                                      {{"check_interval", "200ms"},
                                                       {"request_timeout", "5s"},
                                                       {"lease_ttl", "10s"},
                                                       {"grace", "0s"}})},
            {"control", {{"socket", (dir / "shoald.sock").string()}}},
            {"metrics", {{"listen", "127.0.0.1:" + std::to_string(metrics_port)}}},
            {"conductor", shoal::test::conductor_section(dir)}};
}

}  // namespace

TEST_CASE(
    "with etcd black-holed a conductor answers status and metrics while its store reads are held") {
    shoal::test::TempDir dir;
    shoal::test::BlackHole hole;
    const auto metrics_port = shoal::test::free_port();
    ShoaldChild shoald(dir.path(), conductor_config(dir.path(), hole.endpoint(), metrics_port),
                       30s);
    INFO("shoald log:\n" << shoald.log());
    // Start-up waits on etcd once (the stored generation), then the API serves.
    REQUIRE(shoal::test::wait_until([&] { return shoald.status().has_value(); }, 60s));

    // The background refresh of the agents' reports: a range over /stall/reports/ held open.
    const std::vector<std::string> reports_read = {"/v3/kv/range",
                                                   shoal::store::base64_encode("/stall/reports/")};
    std::optional<shoal::test::BlackHole::Held> held;
    REQUIRE(shoal::test::wait_until(
        [&] { return (held = hole.open_with(reports_read)).has_value(); }, 30s));

    int answered_while_held = 0;
    json last_status;
    for (int round = 0; round < 5; ++round) {
        const auto status = shoald.client().get("/v1/status");
        REQUIRE(status.ok());
        last_status = status.body;
        const auto [code, metrics] = shoal::test::scrape_metrics(metrics_port);
        REQUIRE(code == 200);
        CHECK_THAT(metrics, Catch::Contains("shoal_store_reachable"));
        if (hole.is_open(held->id)) ++answered_while_held;
    }
    INFO("held request:\n" << held->request);
    CHECK(answered_while_held == 5);

    // Status says what it knows: no leader, etcd unreachable, no agent reported.
    CHECK(last_status["cluster"]["mode"] == "cluster");
    CHECK(last_status["cluster"]["leading"] == false);
    CHECK(last_status["servers"].size() == 2);
    CHECK(last_status["servers"][0]["reported_at"].is_null());
    REQUIRE(shoal::test::wait_until(
        [&] {
            auto status = shoald.status();
            return status && (*status)["store"]["reachable"] == false &&
                   (*status)["cluster"]["etcd_reachable"] == false;
        },
        60s));
    // Operator commands are refused at once, naming the reason.
    const auto refused = shoald.client().post("/v1/servers/srv2/drain");
    CHECK(refused.status == 409);
    CHECK_THAT(refused.error_message(), Catch::Contains("etcd is unreachable"));

    // SIGTERM still stops it: a call in flight is given up within request_timeout.
    CHECK(shoald.terminate(60s) == 0);
}
