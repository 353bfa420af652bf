// SPDX-License-Identifier: MIT
// agent.load_source and conductor.load_controller: defaults, every field, and mistakes.
#include <catch2/catch.hpp>

#include "config_fixture.h"

using nlohmann::json;
using shoal::test::config_errors;
using shoal::test::valid_config;
namespace load = shoal::load;

namespace {
shoal::config::DaemonConfig parse(const json& doc) {
    return shoal::config::parse_config(doc.dump(), "shoal.json");
}

// The valid config with doc[role][field] = value has one error, which contains `message`.
void require_one_error(const char* role, const char* field, const json& value,
                       const std::string& message) {
    auto doc = valid_config();
    doc[role][field] = value;
    INFO(value.dump());
    const auto errors = config_errors(doc);
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains(message));
}
}  // namespace

TEST_CASE("load config defaults: /proc/stat on the agent, the controller off") {
    const auto config = parse(valid_config());
    CHECK(config.agent->load_source.type == load::SourceType::proc_stat);
    CHECK(config.agent->load_source.path == "/proc/stat");
    CHECK_FALSE(config.conductor->load_controller.enabled);
    CHECK(config.conductor->load_controller.interval == std::chrono::seconds(10));
    CHECK(config.conductor->load_controller.move_budget == 0.01);
}

TEST_CASE("load config: every field read") {
    auto doc = valid_config();
    doc["agent"]["load_source"] = {{"type", "prometheus"},
                                   {"url", "http://127.0.0.1:9100/metrics"},
                                   {"metric", "node_cpu_seconds_total"},
                                   {"kind", "cpu_seconds"},
                                   {"idle_modes", {"idle"}},
                                   {"timeout", "500ms"}};
    doc["conductor"]["load_controller"] = {
        {"interval", "2s"}, {"dead_band", 0.03},   {"damping", 0.7},     {"max_step", 0.3},
        {"floor", 0.2},     {"move_budget", 0.05}, {"stale_after", "6s"}};
    const auto config = parse(doc);
    const auto& source = config.agent->load_source;
    CHECK(source.type == load::SourceType::prometheus);
    CHECK(source.url == "http://127.0.0.1:9100/metrics");
    CHECK(source.idle_modes == std::vector<std::string>{"idle"});
    CHECK(source.timeout == std::chrono::milliseconds(500));
    const auto& c = config.conductor->load_controller;
    CHECK(c.enabled);
    CHECK(c.interval == std::chrono::seconds(2));
    CHECK(c.dead_band == 0.03);
    CHECK(c.damping == 0.7);
    CHECK(c.max_step == 0.3);
    CHECK(c.floor == 0.2);
    CHECK(c.move_budget == 0.05);
    CHECK(c.stale_after == std::chrono::seconds(6));

    doc["agent"]["load_source"] = {{"type", "file"}, {"path", "/run/shoal/load"}};
    doc["conductor"]["load_controller"] = {{"enabled", false}};
    const auto file = parse(doc);
    CHECK(file.agent->load_source.type == load::SourceType::file);
    CHECK(file.agent->load_source.path == "/run/shoal/load");
    CHECK_FALSE(file.conductor->load_controller.enabled);
}

TEST_CASE("load config mistakes name the field and what was expected") {
    const std::vector<std::pair<json, std::string>> sources = {
        {{{"type", "cpu"}},
         "/agent/load_source/type: expected one of: proc_stat, prometheus, file; got \"cpu\""},
        {{{"type", "file"}}, "/agent/load_source: missing field \"path\""},
        {{{"type", "file"}, {"path", "load"}},
         "/agent/load_source/path: expected an absolute path"},
        {{{"type", "prometheus"}}, "/agent/load_source: missing field \"url\""},
        {{{"type", "prometheus"}, {"url", "https://x/metrics"}},
         "/agent/load_source/url: expected an http:// URL"},
        {{{"type", "file"}, {"path", "/x"}, {"url", "http://x/"}},
         "/agent/load_source/url: only a \"prometheus\""},
        {{{"type", "prometheus"}, {"url", "http://x/"}, {"kind", "counter"}},
         "/agent/load_source/kind: expected one of"},
        {{{"type", "proc_stat"}, {"sample", 1}}, "unknown field /agent/load_source/sample"},
    };
    for (const auto& [source, message] : sources)
        require_one_error("agent", "load_source", source, message);
    const std::vector<std::pair<json, std::string>> controllers = {
        {{{"dead_band", -0.1}},
         "/conductor/load_controller/dead_band: expected a number 0 .. 0.5, got -0.1"},
        {{{"damping", 0}}, "/conductor/load_controller/damping: expected a number above 0 .. 1"},
        {{{"move_budget", 1.5}},
         "/conductor/load_controller/move_budget: expected a number above 0 .. 1, got 1.5"},
        {{{"floor", "low"}}, "/conductor/load_controller/floor: expected a number"},
        {{{"interval", "10ms"}}, "/conductor/load_controller/interval: expected at least 100ms"},
        {{{"enabled", "yes"}}, "/conductor/load_controller/enabled"},
        {{{"budget", 0.1}}, "unknown field /conductor/load_controller/budget"},
    };
    for (const auto& [controller, message] : controllers)
        require_one_error("conductor", "load_controller", controller, message);
}
