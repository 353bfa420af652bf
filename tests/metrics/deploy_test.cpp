// SPDX-License-Identifier: MIT
// deploy/: the alert rules pass promtool (syntax and their unit tests), and the Grafana
// dashboard is valid JSON whose every query names metrics that metric_names.h defines.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "command_runner.h"
#include "metrics/metric_names.h"

using shoal::test::run_command;
using shoal::test::TempFile;
using json = nlohmann::json;

namespace {

const std::string kPromtool = SHOAL_PROMTOOL;
const std::string kSourceDir = SHOAL_SOURCE_DIR;
const std::string kAlerts = kSourceDir + "/deploy/prometheus/shoal-alerts.yml";
const std::string kAlertTests = kSourceDir + "/tests/metrics/shoal-alerts.test.yml";
const std::string kDashboard = kSourceDir + "/deploy/grafana/shoal-dashboard.json";

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Series names a query may use: each family, and a histogram's _bucket, _sum and _count.
std::set<std::string> defined_series() {
    std::set<std::string> out(shoal::metrics::names::all.begin(), shoal::metrics::names::all.end());
    for (std::string_view histogram : shoal::metrics::names::histograms) {
        for (const char* suffix : {"_bucket", "_sum", "_count"})
            out.insert(std::string(histogram) + suffix);
    }
    return out;
}

std::vector<std::string> shoal_names_in(const std::string& text) {
    static const std::regex name("shoal_[a-z0-9_]+");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), name);
         it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

// Every non-row panel, rows' nested panels included.
void collect_panels(const json& panels, std::vector<json>& out) {
    for (const json& panel : panels) {
        if (panel.value("type", "") == "row") {
            collect_panels(panel.value("panels", json::array()), out);
            continue;
        }
        out.push_back(panel);
    }
}

std::vector<json> dashboard_panels() {
    const json dashboard = json::parse(read_file(kDashboard));
    std::vector<json> out;
    collect_panels(dashboard.at("panels"), out);
    return out;
}

// A Grafana query as plain PromQL: dashboard variables replaced by values.
std::string as_promql(std::string expr) {
    for (auto [variable, value] : {std::pair{"$__rate_interval", "5m"}, {"$service", ".*"}}) {
        for (auto at = expr.find(variable); at != std::string::npos; at = expr.find(variable))
            expr.replace(at, std::string(variable).size(), value);
    }
    return expr;
}

}  // namespace

TEST_CASE("promtool check rules accepts the alert rules", "[deploy]") {
    REQUIRE_FALSE(kPromtool.empty());
    const auto result = run_command(kPromtool + " check rules " + kAlerts);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("SUCCESS: 9 rules found"));
}

TEST_CASE("the alert rules fire as their unit tests expect", "[deploy]") {
    REQUIRE_FALSE(kPromtool.empty());
    const auto result = run_command(kPromtool + " test rules " + kAlertTests);
    INFO(result.output);
    CHECK(result.exit_code == 0);
}

TEST_CASE("the alert rules use only metrics metric_names.h defines", "[deploy]") {
    const auto defined = defined_series();
    const auto used = shoal_names_in(read_file(kAlerts));
    CHECK(used.size() > 8);
    for (const std::string& name : used) {
        INFO(name);
        CHECK(defined.contains(name));
    }
}

TEST_CASE("every dashboard panel queries only metrics metric_names.h defines", "[deploy]") {
    const auto defined = defined_series();
    const auto panels = dashboard_panels();
    REQUIRE(panels.size() >= 15);
    std::set<int> ids;
    for (const json& panel : panels) {
        const std::string title = panel.at("title");
        INFO("panel \"" << title << "\"");
        CHECK(ids.insert(panel.at("id").get<int>()).second);
        CHECK(panel.contains("gridPos"));
        const json& targets = panel.at("targets");
        REQUIRE_FALSE(targets.empty());
        for (const json& target : targets) {
            const std::string expr = target.at("expr");
            INFO("expr " << expr);
            const auto used = shoal_names_in(expr);
            CHECK_FALSE(used.empty());
            for (const std::string& name : used) {
                INFO(name);
                CHECK(defined.contains(name));
            }
        }
    }
}

TEST_CASE("the dashboard shows every metric family", "[deploy]") {
    std::set<std::string> used;
    for (const json& panel : dashboard_panels()) {
        for (const json& target : panel.at("targets")) {
            for (const std::string& name : shoal_names_in(target.at("expr"))) used.insert(name);
        }
    }
    for (std::string_view family : shoal::metrics::names::all) {
        INFO(family);
        const std::string name(family);
        CHECK((used.contains(name) || used.contains(name + "_bucket") ||
               used.contains(name + "_count")));
    }
}

TEST_CASE("every dashboard query is valid PromQL", "[deploy]") {
    REQUIRE_FALSE(kPromtool.empty());
    // promtool parses recording rules' expressions: one rule per dashboard query.
    std::string rules = "groups:\n  - name: dashboard\n    rules:\n";
    int count = 0;
    for (const json& panel : dashboard_panels()) {
        for (const json& target : panel.at("targets")) {
            rules += "      - record: dashboard:query_" + std::to_string(++count) + "\n";
            rules += "        expr: " + json(as_promql(target.at("expr"))).dump() + "\n";
        }
    }
    TempFile file("dashboard-queries.yml", rules);
    const auto result = run_command(kPromtool + " check rules " + file.path());
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output,
               Catch::Contains("SUCCESS: " + std::to_string(count) + " rules found"));
}
