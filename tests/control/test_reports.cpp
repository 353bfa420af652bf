// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <fstream>

#include "store/file_store.h"
#include "temp_dir.h"

using namespace shoal::store;

namespace {
AgentReport report(const std::string& server, std::uint64_t generation) {
    AgentReport r;
    r.server = server;
    r.reported_at = TimePoint(std::chrono::milliseconds(1'700'000'000'123LL));
    r.applied_generation = generation;
    r.load = 0.25;
    r.established = 1234;
    r.packets = 1ULL << 40;
    r.bytes = 1ULL << 50;
    r.details = {{"xdp_mode", {{"eth0", "native"}}}};
    return r;
}
}  // namespace

TEST_CASE("agent reports round-trip through the store, one per server, latest wins") {
    shoal::test::TempDir dir;
    FileStore agent1({dir / "s"}), agent2({dir / "s"}), conductor({dir / "s"});
    agent1.put_report(report("srv1", 1));
    agent2.put_report(report("srv2", 1));
    agent1.put_report(report("srv1", 2));
    const auto result = conductor.read_reports();
    CHECK(result.problems.empty());
    REQUIRE(result.reports.size() == 2);
    CHECK(result.reports[0] == report("srv1", 2));
    CHECK(result.reports[1] == report("srv2", 1));
}

TEST_CASE("a bad report is skipped with the reason; the others are still read") {
    shoal::test::TempDir dir;
    FileStore store({dir / "s"});
    store.put_report(report("srv1", 3));
    std::ofstream(dir / "s" / "reports" / "srv2.json") << R"({"server": "srv2", "load": "high"})";
    std::ofstream(dir / "s" / "reports" / "srv3.json") << report("srv4", 1).to_json().dump();
    std::ofstream(dir / "s" / "reports" / "srv5.json") << "{";
    const auto result = store.read_reports();
    REQUIRE(result.reports.size() == 1);
    CHECK(result.reports[0].server == "srv1");
    REQUIRE(result.problems.size() == 3);
    const auto srv2 = (dir / "s" / "reports" / "srv2.json").string();
    CHECK_THAT(result.problems[0], Catch::Contains(srv2 + ": /: missing field \"reported_at_ms\""));
    CHECK_THAT(result.problems[0],
               Catch::Contains(srv2 + ": /load: expected a number 0..1000, got \"high\""));
    CHECK_THAT(result.problems[1],
               Catch::Contains("srv3.json: /server: \"srv4\" does not match the file name"));
    CHECK_THAT(result.problems[2], Catch::Contains("srv5.json: invalid JSON"));
}

TEST_CASE("a report from a newer agent is read; the fields this conductor does not know are left out") {
    auto json = report("srv1", 7).to_json();
    json["from_a_newer_agent"] = {{"anything", 1}};
    json["second_hop_busy"] = {{"web", {3, 9}}};
    const auto read = AgentReport::from_json(json, "srv1.json");
    CHECK(read.applied_generation == 7);
    CHECK(read.second_hop_busy.at("web") == std::vector<std::uint32_t>{3, 9});
    json["second_hop_busy"] = {{"web", {-1}}};
    CHECK_THROWS_WITH(AgentReport::from_json(json, "srv1.json"),
                      Catch::Contains("/second_hop_busy/web: expected bucket indexes below 2^22, got -1"));
    CHECK_THROWS_WITH(AgentReport::from_json(nlohmann::json::array(), "srv1.json"),
                      Catch::Contains("srv1.json"));
}

TEST_CASE("a report for an invalid server name is refused") {
    shoal::test::TempDir dir;
    FileStore store({dir / "s"});
    CHECK_THROWS_WITH(store.put_report(report("../etc", 1)),
                      Catch::Contains("report for server \"../etc\": expected a name"));
}

namespace {
FabricMtu small_fabric() {
    FabricMtu mtu;
    mtu.edge_mtu = 1500;
    mtu.overhead = 56;
    mtu.max_inner_packet = 1444;
    mtu.interfaces = {{"eth0", 1500, 1444}, {"eth1", 9000, 8944}};
    return mtu;
}
}  // namespace

TEST_CASE("the fabric MTU travels in the report; below edge MTU + overhead it says so") {
    auto r = report("srv1", 3);
    r.mtu = small_fabric();
    const auto json = r.to_json();
    CHECK(json["mtu"]["fabric_mtu_ok"] == false);
    CHECK_THAT(json["mtu"]["warning"].get<std::string>(),
               Catch::Contains("below edge MTU 1500 + 56 bytes of GUE (eth0 MTU 1500)") &&
                   Catch::Contains("over 1444 bytes") && Catch::Contains("ICMP too big"));
    CHECK(AgentReport::from_json(json, "srv1.json") == r);

    r.mtu->interfaces[0] = {"eth0", 1556, 1500};
    r.mtu->max_inner_packet = 1500;
    CHECK(r.mtu->ok());
    CHECK(r.to_json()["mtu"]["fabric_mtu_ok"] == true);
    CHECK_FALSE(r.to_json()["mtu"].contains("warning"));
    FabricMtu unknown;
    unknown.edge_mtu = 1500;
    CHECK_FALSE(unknown.ok());  // no interface known: not ok
}

TEST_CASE("reports with and without the fabric MTU are read by either side of an upgrade") {
    // An older agent's report has no "mtu": read, with the MTU unknown.
    auto old_json = report("srv1", 4).to_json();
    REQUIRE_FALSE(old_json.contains("mtu"));
    CHECK_FALSE(AgentReport::from_json(old_json, "srv1.json").mtu.has_value());
    // A newer agent may add fields inside "mtu": left out, the rest read.
    auto r = report("srv1", 4);
    r.mtu = small_fabric();
    auto newer = r.to_json();
    newer["mtu"]["jumbo_frames"] = true;
    newer["mtu"]["interfaces"][0]["speed"] = 100000;
    CHECK(AgentReport::from_json(newer, "srv1.json") == r);
    // A broken "mtu" is refused like any broken field, naming the path.
    newer["mtu"]["interfaces"][1]["mtu"] = "big";
    CHECK_THROWS_WITH(AgentReport::from_json(newer, "srv1.json"),
                      Catch::Contains("/mtu/interfaces/1/mtu: expected an integer 0..65535, got \"big\""));
}
