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
#include "daemon_process.h"
#include "dataplane/dataplane.h"
#include "netns/netns.h"
#include "netns/test_bpffs.h"
#include "netns/veth_pair.h"
#include "shoald_child.h"
#include "wait_until.h"

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

struct AgentLab {
    shoal::test::TestBpffs bpffs;
    shoal::test::Netns ns{"shoal-stall"};
    shoal::test::VethPair veth{ns, "lb0", ns, "lb0p"};
    std::filesystem::path dir;
    shoal::test::NotifyListener notify;
    std::optional<shoal::test::BlackHole> hole;

    AgentLab() {
        char tmpl[] = "/tmp/shoald-stall-XXXXXX";
        dir = mkdtemp(tmpl);
        ns.add_address("lb0", "198.18.0.1/24");
        shoal::test::EnterNetns in_ns(ns);
        ns.link_up("lo");
        hole.emplace();  // listens on the namespace's 127.0.0.1, where shoald looks for etcd
    }
    ~AgentLab() { std::filesystem::remove_all(dir); }

    std::string pin_dir() const { return bpffs.subdir("shoal"); }

    json config() const {
        return {{"fleet", shoal::test::small_fleet(2, 8)},
                {"store",
                 {{"type", "etcd"},
                  {"endpoints", {hole->endpoint().url()}},
                  {"prefix", "/stall"},
                  // Long enough that several API answers fit inside one held request.
                  {"request_timeout", "5s"},
                  {"lease_ttl", "10s"}}},
                {"control", {{"socket", (dir / "shoald.sock").string()}}},
                {"metrics", {{"listen", "127.0.0.1:" + std::to_string(kMetricsPort)}}},
                {"agent",
                 {{"server", "srv1"},
                  {"interfaces", {"lb0"}},
                  {"bpffs", pin_dir()},
                  {"report_interval", "200ms"}}}};
    }

    std::unique_ptr<shoal::test::DaemonProcess> start() {
        std::ofstream(dir / "shoal.json") << config().dump(2);
        return std::make_unique<shoal::test::DaemonProcess>(
            ns.path(), SHOALD_BINARY,
            std::vector<std::string>{"--config", (dir / "shoal.json").string()},
            std::map<std::string, std::string>{{"NOTIFY_SOCKET", notify.path()}});
    }
    ApiClient client() const {
        return ApiClient(ApiAddress::unix_socket((dir / "shoald.sock").string()), 30s);
    }
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
    REQUIRE(
        shoal::test::wait_until([&] { return daemon->log().find("report_failed") != std::string::npos; }, 60s));
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
