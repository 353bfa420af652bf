// SPDX-License-Identifier: MIT
// The fabric MTU check: GUE's overhead for the outer families a server uses, an interface's MTU
// as the kernel reports it, and the largest inner packet that fits against the edge MTU.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "agent/fabric_mtu.h"
#include "config/config_error.h"
#include "config/fleet_parser.h"

using namespace shoal;

namespace {

config::FleetConfig fleet_of(const char* servers) {
    const auto json = nlohmann::json::parse(std::string(R"({"hash_key": "000102030405060708090a0b0c0d0e0f",
      "services": [], "servers": )") + servers + "}");
    config::ErrorList errors("test");
    auto fleet = config::parse_fleet(json, "", errors);
    INFO(errors.joined());
    REQUIRE(errors.empty());
    return fleet;
}

}  // namespace

TEST_CASE("GUE adds 36 bytes over IPv4, 56 over IPv6, 8 more with the auth tag") {
    CHECK(agent::gue_overhead(false, false) == 36);
    CHECK(agent::gue_overhead(true, false) == 56);
    CHECK(agent::gue_overhead(false, true) == 44);
    CHECK(agent::gue_overhead(true, true) == 64);
}

TEST_CASE("the overhead is the larger one among the outer families the server really uses") {
    const auto dual = fleet_of(R"([{"name": "a", "index": 0, "dip4": "198.18.1.2", "dip6": "2001:db8:1::2"},
                                   {"name": "b", "index": 1, "dip4": "198.18.2.2", "dip6": "2001:db8:2::2"},
                                   {"name": "c", "index": 2, "dip4": "198.18.3.2"}])");
    CHECK(agent::fleet_gue_overhead(dual, "a", false) == 56);  // a and b talk over IPv6
    CHECK(agent::fleet_gue_overhead(dual, "c", false) == 36);  // c has only IPv4
    CHECK(agent::fleet_gue_overhead(dual, "a", true) == 64);
    const auto v4 = fleet_of(R"([{"name": "a", "index": 0, "dip4": "198.18.1.2", "dip6": "2001:db8:1::2"},
                                 {"name": "b", "index": 1, "dip4": "198.18.2.2"}])");
    CHECK(agent::fleet_gue_overhead(v4, "a", false) == 36);  // no peer has IPv6
    const auto alone = fleet_of(R"([{"name": "a", "index": 0, "dip6": "2001:db8:1::2"}])");
    CHECK(agent::fleet_gue_overhead(alone, "a", false) == 56);
    CHECK(agent::fleet_gue_overhead(alone, "nobody", false) == 56);  // unknown: the worst case
}

TEST_CASE("the fabric is ok when every interface carries the edge MTU plus the overhead") {
    agent::MtuInputs inputs;
    inputs.interfaces = {{"eth0", 1556}, {"eth1", 9000}};
    inputs.overhead = 56;
    inputs.edge_mtu = 1500;
    auto mtu = agent::fabric_mtu(inputs);
    CHECK(mtu.ok());
    CHECK(mtu.max_inner_packet == 1500);
    REQUIRE(mtu.interfaces.size() == 2);
    CHECK(mtu.interfaces[1].max_inner_packet == 8944);

    inputs.interfaces[0].second = 1500;
    mtu = agent::fabric_mtu(inputs);
    CHECK_FALSE(mtu.ok());
    CHECK(mtu.max_inner_packet == 1444);
    CHECK_THAT(mtu.warning(), Catch::Contains("(eth0 MTU 1500)"));

    inputs.interfaces = {{"gone0", std::nullopt}};
    mtu = agent::fabric_mtu(inputs);
    CHECK_FALSE(mtu.ok());
    CHECK(mtu.interfaces[0].mtu == 0);
    CHECK(mtu.max_inner_packet == 0);
}

TEST_CASE("an interface's MTU comes from the kernel; a missing interface has none") {
    const auto lo = agent::interface_mtu("lo");
    REQUIRE(lo.has_value());
    CHECK(*lo >= 1280);
    CHECK_FALSE(agent::interface_mtu("shoal-none0").has_value());
    CHECK_FALSE(agent::interface_mtu("").has_value());
    CHECK_FALSE(agent::interface_mtu("a-name-much-too-long").has_value());
}
