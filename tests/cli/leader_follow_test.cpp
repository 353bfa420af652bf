// SPDX-License-Identifier: MIT
// shoalctl in cluster mode: a follower conductor answers operator verbs with 409 naming the
// leader, and shoalctl sends the same request once more to the leader's TCP address (here a
// second canned daemon on loopback) unless --no-follow. A leader that refuses too, or one
// without a TCP address, ends it with exit 1 and the daemons' own messages.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "cli/client.h"
#include "shoalctl_run.h"

using namespace shoal::test;
using nlohmann::json;
using shoal::cli::leader_tcp_address;

namespace {

const std::string kFollower = "conductor@ctl-1/811";
const std::string kLeader = "conductor@ctl-2/812";

// A follower on its Unix socket naming a leader that listens on loopback TCP.
struct TwoConductors {
    CannedDaemon follower;
    CannedDaemon leader;
    std::string leader_tcp = leader.listen_tcp();

    TwoConductors() {
        follower.refuse_as_follower(
            kFollower,
            {{"name", kLeader}, {"socket", "/run/shoal/shoald.sock"}, {"tcp", leader_tcp}});
    }
    std::string notice() const {
        return fmt::format("shoalctl: {} does not lead; sending to leader {} at {}\n", kFollower,
                           kLeader, leader_tcp);
    }
};

}  // namespace

TEST_CASE("a verb sent to a follower is sent again to the leader it names, body and all") {
    TwoConductors cluster;
    const auto run = shoalctl(cluster.follower, {"weight", "srv2", "50"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "srv2 has manual weight 50 (generation 43)\n");
    CHECK(run.err == cluster.notice());
    const auto refused = cluster.follower.requests();
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].method == "PUT");
    const auto followed = cluster.leader.requests();
    REQUIRE(followed.size() == 1);
    CHECK(followed[0].method == "PUT");
    CHECK(followed[0].target == "/v1/servers/srv2/weight");
    CHECK(followed[0].body == json{{"weight", 50}});
}

TEST_CASE("every operator verb follows the leader") {
    TwoConductors cluster;
    const std::vector<std::pair<std::vector<std::string>, std::string>> verbs{
        {{"drain", "srv2"}, "srv2 is draining (generation 43)\n"},
        {{"undrain", "srv2"}, "srv2 is active again (generation 44)\n"},
        {{"weight", "srv2", "--clear"}, "srv2 had no manual weight (generation 44)\n"}};
    for (const auto& [args, out] : verbs) {
        const auto run = shoalctl(cluster.follower, args);
        INFO(args[0] << ": " << run.err);
        CHECK(run.exit_code == 0);
        CHECK(run.out == out);
        CHECK(run.err == cluster.notice());
    }
    const auto followed = cluster.leader.requests();
    REQUIRE(followed.size() == 3);
    CHECK(followed[0].target == "/v1/servers/srv2/drain");
    CHECK(followed[1].target == "/v1/servers/srv2/undrain");
    CHECK(followed[2].method == "DELETE");
}

TEST_CASE("drain --wait polls the leader it followed to") {
    TwoConductors cluster;
    cluster.leader.set_drain_countdown({3, 1, 0});
    const auto run = shoalctl(cluster.follower, {"drain", "srv2", "--wait", "--interval", "50ms"});
    CHECK(run.exit_code == 0);
    CHECK(run.err == cluster.notice());
    CHECK_THAT(run.out, Catch::Contains("srv2 is drained: no established connections left"));
    CHECK(cluster.leader.status_polls() == 3);
    CHECK(cluster.follower.status_polls() == 0);
}

TEST_CASE("--no-follow fails with the follower's 409, and the leader hears nothing") {
    TwoConductors cluster;
    for (const auto& args : {std::vector<std::string>{"--no-follow", "drain", "srv2"},
                             std::vector<std::string>{"drain", "srv2", "--no-follow"}}) {
        const auto run = shoalctl(cluster.follower, args);
        CHECK(run.exit_code == 1);
        CHECK(run.out.empty());
        CHECK(run.err == fmt::format("shoalctl drain: this conductor does not lead; the leader is "
                                     "{} (control: {}): send operator commands there (HTTP 409 "
                                     "Conflict)\n",
                                     kLeader, cluster.leader_tcp));
    }
    CHECK(cluster.leader.requests().empty());
}

TEST_CASE("a leader that refuses as a follower too ends it with both answers, no second hop") {
    TwoConductors cluster;
    CannedDaemon third;
    const auto third_tcp = third.listen_tcp();
    cluster.leader.refuse_as_follower(kLeader,
                                      {{"name", "conductor@ctl-3/813"}, {"tcp", third_tcp}});
    const auto run = shoalctl(cluster.follower, {"drain", "srv2"});
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err ==
          cluster.notice() +
              fmt::format(
                  "shoalctl drain: neither conductor leads, so nothing was changed; retry in a "
                  "moment (HTTP 409 Conflict):\n"
                  "  {} at {}: this conductor does not lead; the leader is {} (control: {}): "
                  "send operator commands there\n"
                  "  {} at {}: this conductor does not lead; the leader is conductor@ctl-3/813 "
                  "(control: {}): send operator commands there\n",
                  kFollower, cluster.follower.socket(), kLeader, cluster.leader_tcp, kLeader,
                  cluster.leader_tcp, third_tcp));
    CHECK(cluster.follower.requests().size() == 1);
    CHECK(cluster.leader.requests().size() == 1);
    CHECK(third.requests().empty());
}

TEST_CASE("with no TCP address to follow, or no leader, the follower's message is the answer") {
    CannedDaemon follower;
    follower.refuse_as_follower(kFollower,
                                {{"name", kLeader}, {"socket", "/run/shoal/shoald.sock"}});
    auto run = shoalctl(follower, {"drain", "srv2"});
    CHECK(run.exit_code == 1);
    CHECK(run.err ==
          "shoalctl drain: this conductor does not lead; the leader is conductor@ctl-2/812 "
          "(control socket /run/shoal/shoald.sock on its host): send operator commands there "
          "(HTTP 409 Conflict)\n");
    follower.refuse_as_follower(kFollower, nullptr);
    run = shoalctl(follower, {"drain", "srv2"});
    CHECK(run.exit_code == 1);
    CHECK(run.err ==
          "shoalctl drain: this conductor does not lead; no conductor leads right now (an "
          "election is under way): send operator commands there (HTTP 409 Conflict)\n");
    CHECK(follower.requests().size() == 2);
}

TEST_CASE("a conflict without a leader field is never followed") {
    CannedDaemon daemon;
    daemon.refuse_reload("/etc/shoal/shoal.json: /fleet: expected an object");
    const auto run = shoalctl(daemon, {"reload"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::StartsWith("shoalctl reload: the new config was refused"));
    CHECK(daemon.requests().size() == 1);
}

TEST_CASE("leader_tcp_address takes a TCP address another host can reach, nothing else") {
    CHECK(leader_tcp_address({{"tcp", "198.18.0.12:9470"}})->describe() == "198.18.0.12:9470");
    CHECK(leader_tcp_address({{"tcp", "[2001:db8::12]:9470"}})->describe() ==
          "[2001:db8::12]:9470");
    CHECK(leader_tcp_address({{"tcp", "ctl-2.example:9470"}})->describe() == "ctl-2.example:9470");
    CHECK_FALSE(leader_tcp_address({{"tcp", "0.0.0.0:9470"}}));
    CHECK_FALSE(leader_tcp_address({{"tcp", "[::]:9470"}}));
    CHECK_FALSE(leader_tcp_address({{"tcp", "no-port"}}));
    CHECK_FALSE(leader_tcp_address({{"tcp", 9470}}));
    CHECK_FALSE(leader_tcp_address({{"name", "ctl-2"}, {"socket", "/run/shoal/shoald.sock"}}));
    CHECK_FALSE(leader_tcp_address(nullptr));
}
