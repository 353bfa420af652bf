// SPDX-License-Identifier: MIT
#include "load/prometheus_source.h"

#include <catch2/catch.hpp>
#include <deque>

#include "load/http_get.h"
#include "load/prometheus_text.h"

using namespace shoal::load;

namespace {

std::string node_page(double idle0, double user0, double idle1, double user1) {
    return "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
           "# TYPE node_cpu_seconds_total counter\n"
           "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} " +
           std::to_string(idle0) +
           "\n"
           "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} " +
           std::to_string(user0) +
           "\n"
           "node_cpu_seconds_total{cpu=\"0\",mode=\"iowait\"} 0\n"
           "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} " +
           std::to_string(idle1) +
           "\n"
           "node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} " +
           std::to_string(user1) +
           "\n"
           "node_cpu_seconds_total_other{a=\"broken} 1\n"
           "node_load1 0.5\n";
}

PrometheusSource scripted(std::deque<HttpBody> answers, MetricKind kind = MetricKind::cpu_seconds,
                          std::string metric = "node_cpu_seconds_total") {
    SourceSpec spec;
    spec.type = SourceType::prometheus;
    spec.url = "http://198.18.0.1:9100/metrics";
    spec.metric = std::move(metric);
    spec.kind = kind;
    auto queue = std::make_shared<std::deque<HttpBody>>(std::move(answers));
    return PrometheusSource(spec, [queue] {
        HttpBody next = queue->front();
        queue->pop_front();
        return next;
    });
}

}  // namespace

TEST_CASE("Prometheus text: the samples of one metric, labels unescaped") {
    const auto read = read_metric(
        "# TYPE m gauge\nm{a=\"x\\\"y\",b=\"1\"} 0.5 1700000000\nm 2\nm_total 3\nother{x=\"y\"} "
        "9\n",
        "m");
    CHECK(read.error.empty());
    REQUIRE(read.samples.size() == 2);
    CHECK(read.samples[0].labels.at("a") == "x\"y");
    CHECK(read.samples[0].value == 0.5);
    CHECK(read.samples[1].labels.empty());
    CHECK(read.samples[1].value == 2);
}

TEST_CASE("Prometheus text: a broken line of the metric is an error with its line number") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"m{a=\"x} 1\n", "not closed"},
        {"m{a=x} 1\n", "to open label a"},
        {"m{a=\"x\" b=\"y\"} 1\n", "expected ',' or '}'"},
        {"m{=\"x\"} 1\n", "label name"},
        {"m{a=\"x\"}\n", "no value"},
        {"m{a=\"x\"} one\n", "not a number"},
    };
    for (const auto& [text, why] : cases) {
        INFO(text);
        const auto read = read_metric("# HELP m help\n" + text, "m");
        CHECK_THAT(read.error, Catch::StartsWith("line 2: ") && Catch::Contains(why));
    }
}

TEST_CASE("prometheus source: the busy share of CPU seconds between two scrapes") {
    auto source = scripted({{node_page(100, 50, 100, 50), {}}, {node_page(115, 55, 118, 62), {}}});
    const auto first = source.sample();
    CHECK_FALSE(first.ok());
    CHECK_THAT(first.error, Catch::Contains("first scrape"));
    // 50 s passed: 33 idle, 17 user.
    CHECK(*source.sample().utilisation == Approx(17.0 / 50.0));
}

TEST_CASE("prometheus source: broken pages and failed scrapes are errors, never zero") {
    auto failed =
        scripted({{{}, "GET http://198.18.0.1:9100/metrics: connect: Connection refused"}});
    CHECK_THAT(failed.sample().error, Catch::Contains("Connection refused"));

    auto absent = scripted({{"node_load1 0.5\n", {}}});
    CHECK_THAT(absent.sample().error, Catch::Contains("no series of this metric"));

    auto no_mode = scripted({{"node_cpu_seconds_total{cpu=\"0\"} 5\n", {}}});
    CHECK_THAT(no_mode.sample().error, Catch::Contains("no \"mode\" label"));

    auto nan = scripted({{"node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} NaN\n", {}}});
    CHECK_THAT(nan.sample().error, Catch::Contains("value nan"));

    auto reset = scripted({{node_page(100, 50, 100, 50), {}}, {node_page(1, 1, 1, 1), {}}});
    reset.sample();
    CHECK_THAT(reset.sample().error, Catch::Contains("did not advance"));

    auto broken = scripted({{"node_cpu_seconds_total{cpu=\"0\",mode=\"idle} 5\n", {}}});
    CHECK_THAT(broken.sample().error, Catch::Contains("line 1") && Catch::Contains("not closed"));
}

TEST_CASE("prometheus source: a gauge is read as is and checked") {
    auto gauge = scripted({{"busy{cpu=\"0\"} 0.2\nbusy{cpu=\"1\"} 0.4\n", {}}, {"busy 1.5\n", {}}},
                          MetricKind::gauge, "busy");
    CHECK(*gauge.sample().utilisation == Approx(0.3));
    CHECK_THAT(gauge.sample().error, Catch::Contains("above 1"));
}

TEST_CASE("http_get refuses what it cannot fetch without touching the network") {
    CHECK_THAT(http_get("https://198.18.0.1/metrics", std::chrono::milliseconds(100)).error,
               Catch::Contains("http://"));
    CHECK_THAT(http_get("http://[2001:db8::1/metrics", std::chrono::milliseconds(100)).error,
               Catch::Contains("unclosed"));
}
