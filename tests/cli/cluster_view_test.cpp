// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/views.h"

using nlohmann::json;
using shoal::cli::cluster_lines;

TEST_CASE("cluster lines name the leader, etcd as this shoald sees it, and as each agent does") {
    const auto status = json::parse(R"({
      "cluster": {"mode": "cluster", "leading": false, "etcd_reachable": true,
                  "leader": {"name": "conductor@ctl-2/812", "tcp": "198.18.0.12:9470"},
                  "agents": {
                    "srv1": {"type": "etcd", "reachable": true, "endpoint": "https://198.18.0.21:2379"},
                    "srv2": {"type": "etcd", "reachable": false, "error": "etcd unreachable (/v3/kv/range): timed out"}}},
      "store": {"type": "etcd", "reachable": true, "endpoint": "https://198.18.0.22:2379"}
    })");
    CHECK(cluster_lines(status) ==
          "cluster: this conductor follows; leader conductor@ctl-2/812, control 198.18.0.12:9470\n"
          "etcd: reachable via https://198.18.0.22:2379\n"
          "etcd as agents last reported it:\n"
          "  srv1: reachable via https://198.18.0.21:2379\n"
          "  srv2: UNREACHABLE: etcd unreachable (/v3/kv/range): timed out\n");
}

TEST_CASE("cluster lines during an election and an outage") {
    const auto status = json::parse(R"({
      "cluster": {"mode": "cluster", "leading": false, "leader": null},
      "store": {"type": "etcd", "reachable": false, "error": "etcd unreachable (/v3/kv/range): connect refused"}
    })");
    CHECK(cluster_lines(status) ==
          "cluster: this conductor follows; leader none (an election is under way)\n"
          "etcd: UNREACHABLE: etcd unreachable (/v3/kv/range): connect refused\n");
}

TEST_CASE("a single machine with the file store has no cluster lines") {
    CHECK(cluster_lines(json::parse(R"({"cluster": {"mode": "single", "leading": true},
                                        "store": {"type": "file"}})")) == "");
    CHECK(cluster_lines(json::object()) == "");
}
