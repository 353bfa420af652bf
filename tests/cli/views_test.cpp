// SPDX-License-Identifier: MIT
// The human views of each answer in docs/api.md, as golden strings.
#include <catch2/catch.hpp>

#include "canned_answers.h"
#include "cli/change_view.h"
#include "cli/plan_view.h"
#include "cli/stats_view.h"
#include "cli/status_view.h"
#include "cli/table_view.h"

using namespace shoal::cli;
using nlohmann::json;
using shoal::test::canned_plan;
using shoal::test::canned_stats;
using shoal::test::canned_status;
using shoal::test::canned_table;

TEST_CASE("status shows the daemon, services, servers with a summary, and the agent") {
    // srv2's agent reports a fabric MTU too small for GUE: a warning line under the table.
    CHECK(format_status(canned_status()) ==
          R"(shoald 0.1.0 (agent, conductor), started 2026-11-26T10:00:00Z
config /etc/shoal/shoal.json
generation 42

SERVICE  ID  PROTO  VIPS                           PORTS    BUCKETS
web       0  tcp    198.18.100.1, 2001:db8:100::1  80, 443    65536

SERVER  STATE     HEALTH  WEIGHT  BUCKETS   LOAD  PACKETS     BYTES  ESTABLISHED  APPLIED
srv1    active    up         100    32768  23.0%     123k  94.2 MiB          310       42
srv2    draining  up         50*        0   0.0%     1.2M   3.4 GiB           12       42
srv3    down      down       100    32768      -        -         -            -        -
3 servers: 1 active, 1 draining, 1 down; 322 established connections
* manual weight (shoalctl weight)
! srv2: fabric MTU below edge MTU 1500 + 56 bytes of GUE (eth0 MTU 1500)

agent srv1, applied generation 42
INTERFACE  MODE    DISPATCHER  PROGRAM   MTU  MAX INNER  MESSAGE
eth0       native  no               17  1600       1544  libxdp fell back to a single program
fabric MTU needed: 1556 (edge MTU 1500 + 56 bytes of GUE): ok
)");
}

TEST_CASE("status of a conductor-only daemon before its first publish") {
    const auto status = json::parse(R"({
      "daemon": {"roles": ["conductor"], "config": "/etc/shoal/shoal.json",
                 "started_at": "2026-11-26T10:00:00Z", "version": "0.1.0"},
      "generation": null, "services": [],
      "servers": [{"name": "srv1", "index": 0, "state": "active", "health": "unknown",
                   "weight": 1, "weight_source": "config", "buckets": 0}]})");
    CHECK(format_status(status) == R"(shoald 0.1.0 (conductor), started 2026-11-26T10:00:00Z
config /etc/shoal/shoal.json
generation none (nothing published yet)

SERVER  STATE   HEALTH   WEIGHT  BUCKETS  LOAD  PACKETS  BYTES  ESTABLISHED  APPLIED
srv1    active  unknown       1        0     -        -      -            -        -
1 server: 1 active, 0 draining, 0 down; 0 established connections
)");
}

TEST_CASE("plan shows moved buckets against the optimum and per-server changes and load") {
    CHECK(format_plan(canned_plan()) == R"(plan: drain srv2 (nothing applied)

service web: 16384 of 65536 buckets move (25.0%), the optimum is 16384
SERVER  BEFORE  AFTER  TARGET  CHANGE   LOAD  PROJECTED
srv1     16384  21846   21846   +5462  20.0%      27.0%
srv2     16384      0       0  -16384  20.0%       0.0%
srv3     32768  43690   43690  +10922  40.0%      53.3%
)");
}

TEST_CASE("table shows bucket counts and shares per server") {
    CHECK(format_table(canned_table(false)) == R"(generation 43

service web (id 0): 65536 buckets
SERVER  INDEX  BUCKETS  SHARE
srv1        0    21846  33.3%
srv3        2    43690  66.7%
)");
}

TEST_CASE("table --diff adds what moved since the earlier generation") {
    CHECK(format_table(canned_table(true)) == R"(generation 43, compared with generation 41

service web (id 0): 65536 buckets, 16384 moved (25.0%)
SERVER  INDEX  BUCKETS  SHARE  BEFORE   DELTA
srv1        0    21846  33.3%   16384   +5462
srv2        1        0   0.0%   16384  -16384
srv3        2    43690  66.7%   32768  +10922
)");
}

TEST_CASE("stats lists counters per service, without a service, and per server") {
    CHECK(format_stats(canned_stats()) == R"(agent srv1

service web (id 0)
COUNTER            PACKETS    BYTES
forward_first_hop     2.5M  1.4 GiB
keep_syn                10    740 B

no service
COUNTER      PACKETS  BYTES
pass_not_ip        3  180 B

forwarded per server
SERVER  INDEX  PACKETS    BYTES
srv2        1       50  3.9 KiB
)");
}

TEST_CASE("server changes say what happened and in which generation") {
    const json changed{{"server", "srv2"}, {"changed", true}, {"generation", 43}};
    const json unchanged{{"server", "srv2"}, {"changed", false}, {"generation", 42}};
    CHECK(format_server_change(ServerChange::drain, changed) ==
          "srv2 is draining (generation 43)\n");
    CHECK(format_server_change(ServerChange::drain, unchanged) ==
          "srv2 was already draining (generation 42)\n");
    CHECK(format_server_change(ServerChange::undrain, changed) ==
          "srv2 is active again (generation 43)\n");
    CHECK(format_server_change(ServerChange::undrain, unchanged) ==
          "srv2 was not drained (generation 42)\n");
    CHECK(format_server_change(ServerChange::set_weight, changed, 50) ==
          "srv2 has manual weight 50 (generation 43)\n");
    CHECK(format_server_change(ServerChange::set_weight, unchanged, 50) ==
          "srv2 already had manual weight 50 (generation 42)\n");
    CHECK(format_server_change(ServerChange::clear_weight, changed) ==
          "srv2 is back to its configured weight (generation 43)\n");
    CHECK(format_server_change(ServerChange::clear_weight, unchanged) ==
          "srv2 had no manual weight (generation 42)\n");
}

TEST_CASE("reload and detach answers read as sentences") {
    CHECK(format_reload({{"reloaded", true}, {"config", "/etc/shoal/shoal.json"}}) ==
          "config reloaded from /etc/shoal/shoal.json\n");
    CHECK(format_detach({{"detached", {"eth0", "eth1"}}}) ==
          "detached the XDP program from eth0, eth1; the data plane is stopped\n");
    CHECK(format_detach({{"detached", json::array()}}) ==
          "nothing was attached; the data plane was not running here\n");
}

TEST_CASE("views show '-' for fields of an unexpected type instead of failing") {
    const auto status = json::parse(R"({"generation": "x", "servers": [
        {"name": "srv1", "state": 7, "weight": "heavy", "load": "high", "bytes": -1}]})");
    const auto text = format_status(status);
    CHECK_THAT(text, Catch::Contains("generation none"));
    CHECK_THAT(text, Catch::Contains("srv1    -      -        heavy        -     -"));
}

TEST_CASE("status with the load controller on: computed weights, target shares, held loads") {
    const auto status = json::parse(R"json({
      "daemon": {"roles": ["conductor"], "version": "0.1.0"},
      "generation": 7, "services": [],
      "servers": [
        {"name": "srv1", "state": "active", "health": "up", "weight": 131.25, "weight_source": "computed",
         "buckets": 40000, "load": 0.5, "target_share": 0.61, "utilisation": 0.5, "load_held": null},
        {"name": "srv2", "state": "active", "health": "up", "weight": 80.5, "weight_source": "computed",
         "buckets": 25536, "load": 0.0, "target_share": 0.39, "utilisation": null,
         "load_held": "stale load report (40.0s old, limit 30.0s)"},
        {"name": "srv3", "state": "active", "health": "up", "weight": 100, "weight_source": "manual",
         "buckets": 0, "load": 0.2, "target_share": 0.0}],
      "load_controller": {"enabled": true, "interval_ms": 10000, "move_budget": 0.01, "rounds": 12,
        "services": [{"service": "web", "mean_utilisation": 0.5, "moved_buckets": 655, "move_budget": 655,
                      "note": null}]}})json");
    CHECK(format_status(status) == R"text(shoald 0.1.0 (conductor)
generation 7

SERVER  STATE   HEALTH  WEIGHT  BUCKETS  SHARE   LOAD  PACKETS  BYTES  ESTABLISHED  APPLIED
srv1    active  up      131.2~    40000  61.0%  50.0%        -      -            -        -
srv2    active  up       80.5~    25536  39.0%  0.0%!        -      -            -        -
srv3    active  up        100*        0   0.0%  20.0%        -      -            -        -
3 servers: 3 active, 0 draining, 0 down; 0 established connections
* manual weight (shoalctl weight)
~ computed by the load controller from measured load
! srv2: weight held: stale load report (40.0s old, limit 30.0s)
load controller: every 10s, 12 rounds, at most 1.0% of the buckets per round
  web: mean utilisation 50.0%, moved 655 buckets last round (budget 655)
)text");
}
