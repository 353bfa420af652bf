// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <limits>

#include "metrics/metric_family.h"
#include "metrics/registry.h"

using namespace shoal::metrics;

TEST_CASE("a registry renders HELP, TYPE and series sorted by name and labels", "[metrics]") {
    Registry registry;
    auto& packets =
        registry.counter("shoal_test_packets_total", "Packets seen.", {"service", "action"});
    auto& generation = registry.gauge("shoal_test_generation", "Current generation.");
    packets.inc({"web", "forward"}, 3);
    packets.inc({"dns", "drop"});
    packets.inc({"web", "forward"}, 2);
    generation.set({}, 42);

    CHECK(registry.render() ==
          "# HELP shoal_test_generation Current generation.\n"
          "# TYPE shoal_test_generation gauge\n"
          "shoal_test_generation 42\n"
          "# HELP shoal_test_packets_total Packets seen.\n"
          "# TYPE shoal_test_packets_total counter\n"
          "shoal_test_packets_total{service=\"dns\",action=\"drop\"} 1\n"
          "shoal_test_packets_total{service=\"web\",action=\"forward\"} 5\n");
}

TEST_CASE("label values escape backslash, quote and newline", "[metrics]") {
    CHECK(escape_label_value(R"(a\b"c)"
                             "\n"
                             "d") == R"(a\\b\"c\nd)");
    CHECK(escape_label_value("plain value") == "plain value");

    Registry registry;
    registry.gauge("shoal_test_value", "Help with \\ and\nnewline.", {"name"})
        .set({"say \"hi\"\\now"}, 1);
    CHECK(registry.render() ==
          "# HELP shoal_test_value Help with \\\\ and\\nnewline.\n"
          "# TYPE shoal_test_value gauge\n"
          "shoal_test_value{name=\"say \\\"hi\\\"\\\\now\"} 1\n");
}

TEST_CASE("sample values use the exposition format's spelling", "[metrics]") {
    CHECK(format_sample_value(0) == "0");
    CHECK(format_sample_value(42) == "42");
    CHECK(format_sample_value(-3) == "-3");
    CHECK(format_sample_value(1e15) == "1000000000000000");
    CHECK(format_sample_value(0.25) == "0.25");
    CHECK(format_sample_value(0.0001) == "0.0001");
    CHECK(format_sample_value(1.5e-7) == "1.5e-07");
    CHECK(format_sample_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_sample_value(-std::numeric_limits<double>::infinity()) == "-Inf");
    CHECK(format_sample_value(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(std::stod(format_sample_value(0.1 + 0.2)) == 0.1 + 0.2);  // round-trips
}

TEST_CASE("histograms render cumulative buckets with an inclusive le, sum and count", "[metrics]") {
    Registry registry;
    auto& latency =
        registry.histogram("shoal_test_seconds", "Latency.", {"service"}, {0.1, 0.5, 1});
    for (double value : {0.05, 0.1, 0.3, 0.5, 0.7, 2.0}) latency.observe({"web"}, value);

    CHECK(registry.render() ==
          "# HELP shoal_test_seconds Latency.\n"
          "# TYPE shoal_test_seconds histogram\n"
          "shoal_test_seconds_bucket{service=\"web\",le=\"0.1\"} 2\n"
          "shoal_test_seconds_bucket{service=\"web\",le=\"0.5\"} 4\n"
          "shoal_test_seconds_bucket{service=\"web\",le=\"1\"} 5\n"
          "shoal_test_seconds_bucket{service=\"web\",le=\"+Inf\"} 6\n"
          "shoal_test_seconds_sum{service=\"web\"} 3.65\n"
          "shoal_test_seconds_count{service=\"web\"} 6\n");
    const HistogramData data = *latency.data({"web"});
    CHECK(data.bucket_counts == std::vector<std::uint64_t>{2, 2, 1, 1});
    CHECK(data.count == 6);
}

TEST_CASE("families without labels show a zero series from the start", "[metrics]") {
    Registry registry;
    registry.counter("shoal_test_failures_total", "Failures.");
    registry.histogram("shoal_test_apply_seconds", "Apply time.", {}, {1});
    CHECK(registry.render() ==
          "# HELP shoal_test_apply_seconds Apply time.\n"
          "# TYPE shoal_test_apply_seconds histogram\n"
          "shoal_test_apply_seconds_bucket{le=\"1\"} 0\n"
          "shoal_test_apply_seconds_bucket{le=\"+Inf\"} 0\n"
          "shoal_test_apply_seconds_sum 0\n"
          "shoal_test_apply_seconds_count 0\n"
          "# HELP shoal_test_failures_total Failures.\n"
          "# TYPE shoal_test_failures_total counter\n"
          "shoal_test_failures_total 0\n");
}
