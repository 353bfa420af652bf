// SPDX-License-Identifier: MIT
#include "metrics/shoal_metrics.h"

#include <catch2/catch.hpp>
#include <set>

#include "metrics/metric_names.h"
#include "metrics/metrics_error.h"

using namespace shoal::metrics;

TEST_CASE("ShoalMetrics registers every name of metric_names.h and nothing else", "[metrics]") {
    Registry registry;
    ShoalMetrics metrics(registry);
    std::set<std::string> expected(names::all.begin(), names::all.end());
    const auto registered = registry.names();
    CHECK(std::set<std::string>(registered.begin(), registered.end()) == expected);
    for (std::string_view histogram : names::histograms)
        CHECK(registry.find(histogram)->type() == MetricType::histogram);
}

TEST_CASE("every verdict counter has a distinct action and every drop a reason", "[metrics]") {
    std::set<std::string_view> actions;
    int drops = 0;
    for (int stat = 0; stat < SHOAL_STAT_MAX; ++stat) {
        const auto action = stat_action(static_cast<shoal_stat>(stat));
        if (shoal_stat_is_event(stat)) {
            CHECK_FALSE(action.has_value());
            continue;
        }
        REQUIRE(action.has_value());
        CHECK(actions.insert(*action).second);
        const auto reason = stat_drop_reason(static_cast<shoal_stat>(stat));
        CHECK(reason.has_value() == (action->substr(0, 5) == "drop_"));
        drops += reason.has_value();
    }
    CHECK(actions.size() == SHOAL_STAT_MAX - 3);  // DECAP, GUE_AUTH_MISSING, GUE_AUTH_BAD
    // DROP_MALFORMED..DROP_NO_HEADROOM, then the six drops issue 13 added after them.
    CHECK(drops == SHOAL_STAT_DROP_NO_HEADROOM - SHOAL_STAT_DROP_MALFORMED + 1 + 6);
    CHECK(stat_drop_reason(SHOAL_STAT_DROP_TTL_EXPIRED) == "ttl_expired");
    CHECK(stat_action(SHOAL_STAT_KEEP_FRAGMENT) == "keep_fragment");
    CHECK(stat_drop_reason(SHOAL_STAT_DROP_ICMP_RATE_LIMITED) == "icmp_rate_limited");
    CHECK(stat_drop_reason(SHOAL_STAT_DROP_GUE_AUTH) == "gue_auth");
    CHECK(stat_action(SHOAL_STAT_ICMP_TOO_BIG_SENT) == "icmp_too_big_sent");
    CHECK(stat_action(SHOAL_STAT_KEEP_SYN) == "keep_syn");
    CHECK(stat_drop_reason(SHOAL_STAT_DROP_TOO_BIG) == "too_big");
    CHECK_FALSE(stat_drop_reason(SHOAL_STAT_FORWARD_FIRST_HOP).has_value());
}

TEST_CASE("a shoal_stats row fills packets, bytes, drops and decapsulations", "[metrics]") {
    Registry registry;
    ShoalMetrics metrics(registry);
    std::array<shoal_counter, SHOAL_STAT_MAX> row{};
    row[SHOAL_STAT_FORWARD_FIRST_HOP] = {100, 150000};
    row[SHOAL_STAT_DROP_TOO_BIG] = {3, 4500};
    row[SHOAL_STAT_DECAP] = {40, 60000};
    row[SHOAL_STAT_GUE_AUTH_MISSING] = {5, 700};
    row[SHOAL_STAT_GUE_AUTH_BAD] = {2, 300};
    metrics.set_service_counters("web", row);

    CHECK(metrics.packets.value({"web", "forward_first_hop"}) == 100);
    CHECK(metrics.bytes.value({"web", "forward_first_hop"}) == 150000);
    CHECK(metrics.packets.value({"web", "drop_too_big"}) == 3);
    CHECK(metrics.drops.value({"web", "too_big"}) == 3);
    CHECK(metrics.drops.value({"web", "no_table"}) == 0);
    CHECK(metrics.decapsulated_packets.value({"web"}) == 40);
    CHECK(metrics.gue_auth_failures.value({"web", "missing"}) == 5);
    CHECK(metrics.gue_auth_failures.value({"web", "bad"}) == 2);
    CHECK(metrics.packets.series_count() == SHOAL_STAT_MAX - 3);
    CHECK_FALSE(metrics.packets.value({"web", "decap"}).has_value());
}

TEST_CASE("the XDP mode gauge marks exactly one mode per interface", "[metrics]") {
    Registry registry;
    ShoalMetrics metrics(registry);
    metrics.set_xdp_mode("eth0", "native");
    metrics.set_xdp_mode("eth0", "skb");
    CHECK(metrics.xdp_mode.value({"eth0", "skb"}) == 1);
    CHECK(metrics.xdp_mode.value({"eth0", "native"}) == 0);
    CHECK(metrics.xdp_mode.value({"eth0", "hw"}) == 0);
    CHECK_THROWS_WITH(metrics.set_xdp_mode("eth0", "generic"),
                      "metric \"shoal_xdp_mode\": unknown XDP mode \"generic\" for interface eth0 "
                      "(expected native, skb or hw)");
}

TEST_CASE("forgetting a server drops its per-server series", "[metrics]") {
    Registry registry;
    ShoalMetrics metrics(registry);
    for (const char* server : {"a", "b"}) {
        metrics.server_health.set({"web", server}, kHealthUp);
        metrics.server_weight.set({"web", server}, 100);
        metrics.server_buckets.set({"web", server}, 32768);
        metrics.server_load.set({"web", server}, 0.4);
    }
    metrics.forget_server("web", "a");
    for (GaugeFamily* family : {&metrics.server_health, &metrics.server_weight,
                                &metrics.server_buckets, &metrics.server_load}) {
        CHECK_FALSE(family->value({"web", "a"}).has_value());
        CHECK(family->value({"web", "b"}).has_value());
    }
}
