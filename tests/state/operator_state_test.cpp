// SPDX-License-Identifier: MIT
#include "state/operator_state.h"

#include <catch2/catch.hpp>

#include "../config/config_fixture.h"
#include "config/config_loader.h"
#include "state/operator_state.h"

using shoal::state::OperatorState;
using shoal::state::StateError;

TEST_CASE("drain and undrain report whether anything changed") {
    OperatorState state;
    CHECK(state.drain("srv1"));
    CHECK_FALSE(state.drain("srv1"));
    CHECK(state.is_drained("srv1"));
    CHECK_FALSE(state.is_drained("srv2"));
    CHECK(state.undrain("srv1"));
    CHECK_FALSE(state.undrain("srv1"));
    CHECK(state.empty());
}

TEST_CASE("manual weights are set, replaced and cleared") {
    OperatorState state;
    CHECK_FALSE(state.manual_weight("srv1").has_value());
    CHECK(state.set_weight("srv1", 50));
    CHECK_FALSE(state.set_weight("srv1", 50));
    CHECK(state.set_weight("srv1", 0));
    CHECK(state.manual_weight("srv1") == 0u);
    CHECK(state.clear_weight("srv1"));
    CHECK_FALSE(state.clear_weight("srv1"));
    CHECK_FALSE(state.manual_weight("srv1").has_value());
}

TEST_CASE("bad names and weights are refused with the reason") {
    OperatorState state;
    CHECK_THROWS_WITH(state.drain("srv/1"),
                      Catch::StartsWith("invalid server name \"srv/1\": expected a name"));
    CHECK_THROWS_WITH(state.set_weight("srv1", 1'000'001),
                      "weight 1000001 for server srv1 is above the maximum 1000000");
    CHECK(state.empty());
}

TEST_CASE("operator state survives a JSON round trip") {
    OperatorState state;
    state.drain("srv2");
    state.drain("srv1");
    state.set_weight("srv3", 25);
    const auto json = state.to_json();
    CHECK(json.dump() ==
          R"({"drained":["srv1","srv2"],"format":"shoal-operator-state/1","weights":{"srv3":25}})");
    CHECK(OperatorState::from_json(json, "x") == state);
}

TEST_CASE("invalid operator state JSON names the source and every bad field") {
    const auto bad = nlohmann::json::parse(
        R"({"format": "shoal-operator-state/1", "drained": ["srv1", 5, "srv1"], "weights": {"srv2": -3}, "extra": 1})");
    try {
        OperatorState::from_json(bad, "state.json");
        FAIL("accepted a bad state");
    } catch (const StateError& e) {
        const std::string what = e.what();
        CHECK(what.find(
                  "state.json: unknown field /extra; expected one of: format, drained, weights") !=
              std::string::npos);
        CHECK(what.find("state.json: /drained/1: expected a name") != std::string::npos);
        CHECK(what.find("state.json: /drained/2: server srv1 is listed more than once") !=
              std::string::npos);
        CHECK(what.find("state.json: /weights/srv2: expected an integer 0..1000000, got -3") !=
              std::string::npos);
    }
    CHECK_THROWS_WITH(
        OperatorState::from_json(nlohmann::json::parse(R"({"format": "v2"})"), "s.json"),
        "s.json: /format: expected \"shoal-operator-state/1\", got \"v2\"");
}

TEST_CASE("names the fleet does not have are listed, not dropped") {
    const auto fleet =
        shoal::config::parse_config(shoal::test::valid_config().dump(), "shoal.json").fleet;
    OperatorState state;
    state.drain("srv1");
    state.drain("gone1");
    state.set_weight("gone2", 3);
    CHECK(state.unknown_servers(fleet) == std::vector<std::string>{"gone1", "gone2"});
    CHECK(state.is_drained("gone1"));
}
