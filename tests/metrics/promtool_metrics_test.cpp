// SPDX-License-Identifier: MIT
// `promtool check metrics` on the registry's real output with every Shoal family filled.
#include <catch2/catch.hpp>

#include "command_runner.h"
#include "metrics/metric_names.h"
#include "metrics/shoal_metrics.h"

using namespace shoal::metrics;
using shoal::test::run_command;
using shoal::test::TempFile;

namespace {

const std::string kPromtool = SHOAL_PROMTOOL;

shoal::test::CommandResult promtool_check_metrics(const std::string& text) {
    REQUIRE_FALSE(kPromtool.empty());  // install Debian's "prometheus" package for promtool
    TempFile file("metrics.txt", text);
    return run_command(kPromtool + " check metrics < " + file.path());
}

// Fills every family the way the daemon does, including awkward label values.
void fill(Registry& registry) {
    ShoalMetrics metrics(registry);
    std::array<shoal_counter, SHOAL_STAT_MAX> row{};
    for (int stat = 0; stat < SHOAL_STAT_MAX; ++stat)
        row[stat] = {static_cast<__u64>(stat * 10), static_cast<__u64>(stat * 15000)};
    metrics.set_service_counters("web", row);
    metrics.set_service_counters(kNoService, row);
    metrics.table_generation.set({}, 42);
    metrics.table_published_generation.set({}, 43);
    metrics.table_apply_seconds.observe({}, 0.0013);
    metrics.table_apply_seconds.observe({}, 0.2);
    metrics.table_apply_failures.inc({});
    metrics.set_xdp_mode("eth0", "native");
    metrics.set_xdp_mode("veth-\"lab\"", "skb");
    metrics.xdp_dispatcher.set({"eth0"}, 0);
    metrics.established_connections.set({"web"}, 1234);
    metrics.interface_mtu_bytes.set({"eth0"}, 1500);
    metrics.max_inner_packet_bytes.set({}, 1444);
    metrics.fabric_mtu_ok.set({}, 0);
    metrics.load_moved_buckets.set({"web"}, 655);
    metrics.load_mean_utilisation.set({"web"}, 0.61);
    metrics.conductor_leader.set({}, 1);
    metrics.store_reachable.set({}, 0);
    for (const char* server : {"srv-a", "srv b\\2"}) {
        metrics.server_health.set({"web", server}, kHealthUp);
        metrics.server_weight.set({"web", server}, 100);
        metrics.server_buckets.set({"web", server}, 32768);
        metrics.server_load.set({"web", server}, 0.37);
        metrics.server_target_share.set({"web", server}, 0.25);
        metrics.server_weight_source.set({"web", server, "computed"}, 1);
        metrics.server_load_held.set({"web", server, "stale"}, 0);
        metrics.health_check_duration.observe({"web", "success"}, 0.0004);
        metrics.health_check_duration.observe({"web", "failure"}, 0.5);
    }
}

}  // namespace

TEST_CASE("promtool check metrics accepts the output with every Shoal family", "[metrics]") {
    Registry registry;
    fill(registry);
    const std::string text = registry.scrape();
    for (std::string_view name : names::all)
        CHECK_THAT(text, Catch::Contains("\n" + std::string(name)));

    const auto result = promtool_check_metrics(text);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.empty());
}

TEST_CASE("promtool check metrics rejects what breaks the conventions", "[metrics]") {
    // The control: the check above could not pass by promtool accepting anything.
    const auto result = promtool_check_metrics(
        "# HELP shoal_requests Requests.\n"
        "# TYPE shoal_requests counter\n"
        "shoal_requests 1\n"
        "# HELP shoal_latency_milliseconds Latency.\n"
        "# TYPE shoal_latency_milliseconds gauge\n"
        "shoal_latency_milliseconds 3\n");
    INFO(result.output);
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.output, Catch::Contains("_total"));
    CHECK_THAT(result.output, Catch::Contains("base unit"));
}
