// SPDX-License-Identifier: MIT
#include "metrics/registry.h"

#include <catch2/catch.hpp>

#include "metrics/metric_naming.h"

using namespace shoal::metrics;

TEST_CASE("collectors run at every scrape, in order, before rendering", "[metrics]") {
    Registry registry;
    auto& generation = registry.gauge("shoal_test_generation", "Generation.");
    std::vector<std::string> calls;
    double map_value = 7;
    registry.add_collector([&] {
        calls.push_back("first");
        generation.set({}, map_value);
    });
    registry.add_collector([&] { calls.push_back("second"); });

    CHECK_THAT(registry.scrape(), Catch::Contains("shoal_test_generation 7\n"));
    map_value = 8;
    CHECK_THAT(registry.scrape(), Catch::Contains("shoal_test_generation 8\n"));
    CHECK(calls == std::vector<std::string>{"first", "second", "first", "second"});
    CHECK_THAT(registry.render(), Catch::Contains("shoal_test_generation 8\n"));
    CHECK(calls.size() == 4);  // render() alone collects nothing
}

TEST_CASE("a removed collector no longer runs", "[metrics]") {
    Registry registry;
    int runs = 0;
    const auto id = registry.add_collector([&] { ++runs; });
    registry.scrape();
    registry.remove_collector(id);
    registry.scrape();
    CHECK(runs == 1);
}

TEST_CASE("a failing collector fails the scrape with its message", "[metrics]") {
    Registry registry;
    registry.add_collector(
        [] { throw std::runtime_error("read shoal_stats: Bad file descriptor"); });
    CHECK_THROWS_WITH(registry.scrape(), "read shoal_stats: Bad file descriptor");
}

TEST_CASE("counters mirror external totals and series can be removed", "[metrics]") {
    Registry registry;
    auto& packets = registry.counter("shoal_test_packets_total", "Packets.", {"service"});
    packets.set_total({"web"}, 1000);
    packets.inc({"web"}, 5);
    CHECK(packets.value({"web"}) == 1005);
    packets.set_total({"web"}, 10);  // the BPF map was recreated: a counter reset
    CHECK(packets.value({"web"}) == 10);

    auto& weight = registry.gauge("shoal_test_weight", "Weight.", {"server"});
    weight.set({"a"}, 100);
    weight.set({"b"}, 50);
    weight.add({"b"}, -20);
    CHECK(weight.value({"b"}) == 30);
    CHECK(weight.remove({"a"}));
    CHECK_FALSE(weight.remove({"a"}));
    CHECK(weight.series_count() == 1);
    CHECK_THAT(registry.render(), !Catch::Contains("server=\"a\""));
    weight.clear();
    CHECK(weight.series_count() == 0);
}

TEST_CASE("the registry finds families by name", "[metrics]") {
    Registry registry;
    registry.gauge("shoal_test_b", "B.");
    registry.counter("shoal_test_a_total", "A.", {"x"});
    REQUIRE(registry.find("shoal_test_a_total") != nullptr);
    CHECK(registry.find("shoal_test_a_total")->type() == MetricType::counter);
    CHECK(registry.find("shoal_test_a_total")->label_names() == std::vector<std::string>{"x"});
    CHECK(registry.find("shoal_missing") == nullptr);
    CHECK(registry.names() == std::vector<std::string>{"shoal_test_a_total", "shoal_test_b"});
}
