// SPDX-License-Identifier: MIT
// An agent-only shoald (XDP on a veth in a throwaway namespace) whose etcd is black-holed —
// a listener in that namespace that accepts and never answers (tests/store/black_hole.h) —
// keeps answering its control API and metrics while its report is held there: each answer
// arrives while the held request's connection is still open. Label bpf (root, XDP).
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <optional>

#include "api/api_client.h"
#include "black_hole.h"
#include "dataplane/dataplane.h"
#include "shoald_child.h"
#include "support/wait.h"

using namespace std::chrono_literals;
using nlohmann::json;
using shoal::api::ApiAddress;
using shoal::api::ApiClient;

namespace {

constexpr std::uint16_t kMetricsPort = 9469;

// GET /metrics on 127.0.0.1 inside `ns`; the HTTP status.
unsigned scrape(const shoal::test::Netns& ns) {
    shoal::test::EnterNetns in_ns(ns);
    return shoal::test::scrape_metrics(kMetricsPort).first;
}

struct AgentLab : shoal::test::AgentNamespace {
    std::optional<shoal::test::BlackHole> hole;

    AgentLab() : AgentNamespace("shoal-stall") {
        shoal::test::EnterNetns in_ns(ns);
        ns.link_up("lo");
        hole.emplace();  // listens on the namespace's 127.0.0.1, where shoald looks for etcd
    }

    json config() const {
        return {{"fleet", shoal::test::small_fleet(2, 8)},
                // A request timeout long enough that several API answers fit inside one
                // held request.
                {"store", shoal::test::etcd_store_section(
                              hole->endpoint().url(), "/stall",
                              {{"request_timeout", "5s"}, {"lease_ttl", "10s"}})},
                {"control", {{"socket", socket()}}},
                {"metrics", {{"listen", "127.0.0.1:" + std::to_string(kMetricsPort)}}},
                {"agent", agent_section()}};
    }

    std::unique_ptr<shoal::test::DaemonProcess> start() const {
        write_config(config());
        return AgentNamespace::start();
    }
    ApiClient client() const { return AgentNamespace::client(30s); }
};

}  // namespace

TEST_CASE(
    "with etcd black-holed an agent answers status, stats and metrics while its report is held") {
    AgentLab lab;
    auto daemon = lab.start();
    INFO("shoald log:\n" << daemon->log());
    REQUIRE(lab.notify.wait_for("READY=1", 30s));  // the agent's start waits on etcd for nothing

    // The first report: a lease for it is asked for and held, unanswered, on an open connection.
    std::optional<shoal::test::BlackHole::Held> held;
    REQUIRE(shoal::test::wait_until(
        [&] { return (held = lab.hole->open_with({"POST /v3/lease/grant"})).has_value(); }, 30s));

    int answered_while_held = 0;
    for (int round = 0; round < 5; ++round) {
        const auto status = lab.client().get("/v1/status");
        REQUIRE(status.ok());
        CHECK(status.body["agent"]["server"] == "srv1");
        REQUIRE(lab.client().get("/v1/stats").ok());
        REQUIRE(scrape(lab.ns) == 200);
        if (lab.hole->is_open(held->id)) ++answered_while_held;
    }
    INFO("held request:\n" << held->request);
    CHECK(answered_while_held == 5);

    // The report fails when etcd's silence runs out, and the log and status say so.
    REQUIRE(shoal::test::wait_until(
        [&] { return daemon->log().find("report_failed") != std::string::npos; }, 60s));
    REQUIRE(shoal::test::wait_until(
        [&] { return lab.client().get("/v1/status").body["store"]["reachable"] == false; }, 30s));

    // SIGTERM stops it (a held call is given up within request_timeout) and XDP stays attached.
    daemon->signal(SIGTERM);
    CHECK(daemon->wait(60s) == 0);
    shoal::test::EnterNetns in_ns(lab.ns);
    auto dp = shoal::Dataplane::adopt(lab.pin_dir());
    CHECK(dp.attachment("lb0"));
    dp.detach("lb0");
}
