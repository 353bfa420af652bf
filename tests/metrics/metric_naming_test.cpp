// SPDX-License-Identifier: MIT
#include "metrics/metric_naming.h"

#include <catch2/catch.hpp>

#include "metrics/registry.h"

using namespace shoal::metrics;

namespace {

std::string counter_error(std::string name, std::vector<std::string> labels = {}) {
    Registry registry;
    try {
        registry.counter(std::move(name), "help", std::move(labels));
    } catch (const MetricsError& e) {
        return e.what();
    }
    return "no error";
}

std::string gauge_error(std::string name) {
    Registry registry;
    try {
        registry.gauge(std::move(name), "help");
    } catch (const MetricsError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("metric names must carry the shoal_ prefix", "[metrics]") {
    CHECK(counter_error("packets_total") ==
          "metric \"packets_total\": name must start with \"shoal_\" and name something after it");
    CHECK(counter_error("shoal_packets_total") == "no error");
}

TEST_CASE("counters and only counters end in _total", "[metrics]") {
    CHECK(counter_error("shoal_packets") ==
          "metric \"shoal_packets\": a counter's name must end with \"_total\"");
    CHECK(gauge_error("shoal_packets_total") ==
          "metric \"shoal_packets_total\": only counters end with \"_total\", this is a gauge");
}

TEST_CASE("metric names use base units", "[metrics]") {
    CHECK(gauge_error("shoal_apply_milliseconds") ==
          "metric \"shoal_apply_milliseconds\": use base units: \"seconds\" instead of "
          "\"milliseconds\"");
    CHECK(gauge_error("shoal_apply_ms") ==
          "metric \"shoal_apply_ms\": use base units: \"seconds\" instead of \"ms\"");
    CHECK(counter_error("shoal_rx_kilobytes_total") ==
          "metric \"shoal_rx_kilobytes_total\": use base units: \"bytes\" instead of "
          "\"kilobytes\"");
    CHECK(gauge_error("shoal_cpu_percent") ==
          "metric \"shoal_cpu_percent\": use base units: \"ratio\" instead of \"percent\"");
    CHECK(gauge_error("shoal_apply_seconds") == "no error");
}

TEST_CASE("metric names are lower_snake_case without reserved suffixes", "[metrics]") {
    CHECK(gauge_error("shoal_Table") ==
          "metric \"shoal_Table\": name may hold only a-z, 0-9 and '_', found 'T'");
    CHECK(gauge_error("shoal_a:b") ==
          "metric \"shoal_a:b\": name may hold only a-z, 0-9 and '_', found ':'");
    CHECK(gauge_error("shoal__x") ==
          "metric \"shoal__x\": name may not hold \"__\" or end with '_'");
    CHECK(gauge_error("shoal_x_count") ==
          "metric \"shoal_x_count\": \"_count\" is reserved for histogram series");
}

TEST_CASE("label names are checked", "[metrics]") {
    CHECK(counter_error("shoal_a_total", {"9lives"}) ==
          "metric \"shoal_a_total\": label name \"9lives\" must match [a-zA-Z_][a-zA-Z0-9_]*");
    CHECK(counter_error("shoal_a_total", {"__name"}) ==
          "metric \"shoal_a_total\": label name \"__name\": names starting with \"__\" are "
          "reserved");
    CHECK(counter_error("shoal_a_total", {"service", "service"}) ==
          "metric \"shoal_a_total\": label name \"service\" appears twice");
    Registry registry;
    CHECK_THROWS_WITH(registry.histogram("shoal_a_seconds", "help", {"le"}, {1}),
                      "metric \"shoal_a_seconds\": label name \"le\" is reserved for histogram "
                      "buckets");
}

TEST_CASE("histogram buckets must be finite and increasing", "[metrics]") {
    Registry registry;
    CHECK_THROWS_WITH(registry.histogram("shoal_a_seconds", "help", {}, {}),
                      "metric \"shoal_a_seconds\": a histogram needs at least one bucket bound");
    CHECK_THROWS_WITH(registry.histogram("shoal_b_seconds", "help", {}, {1, 0.5}),
                      "metric \"shoal_b_seconds\": bucket bounds must increase: 0.5 follows 1");
    CHECK_THROWS_WITH(
        registry.histogram("shoal_c_seconds", "help", {}, {1, INFINITY}),
        "metric \"shoal_c_seconds\": bucket bounds must be finite (+Inf is added by itself)");
}

TEST_CASE("help text is required and names are registered once", "[metrics]") {
    Registry registry;
    CHECK_THROWS_WITH(registry.gauge("shoal_a", ""),
                      "metric \"shoal_a\": help text must not be empty");
    registry.gauge("shoal_b", "help");
    CHECK_THROWS_WITH(registry.gauge("shoal_b", "help"),
                      "metric \"shoal_b\" is already registered");
}

TEST_CASE("wrong label counts and negative counter increments are refused", "[metrics]") {
    Registry registry;
    auto& counter = registry.counter("shoal_a_total", "help", {"service", "action"});
    CHECK_THROWS_WITH(counter.inc({"web"}),
                      "metric \"shoal_a_total\": expected 2 label values (service, action), got 1");
    CHECK_THROWS_WITH(counter.inc({"web", "forward"}, -1),
                      "metric \"shoal_a_total\": counter increment must be finite and >= 0, "
                      "got -1");
    CHECK_FALSE(counter.value({"web", "forward"}).has_value());
}
