// SPDX-License-Identifier: MIT
// The parts of shoal-echo and shoal-loadgen that need no sockets: the echo exchange, endpoint
// and source-range parsing, latency percentiles, the report's JSON contract, and the bulk
// transfer protocol and report.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "common/bulk_protocol.h"
#include "common/echo_protocol.h"
#include "common/endpoint_text.h"
#include "loadgen/bulk_report.h"
#include "loadgen/latency_histogram.h"
#include "loadgen/load_options.h"
#include "loadgen/load_report.h"
#include "loadgen/source_range.h"

using namespace shoal::tools;

TEST_CASE("an echo reply names the server in front of the message") {
    const auto reply = make_echo_reply("srv3", "c1 s2 xx");
    CHECK(reply == "srv3 c1 s2 xx");
    const auto parsed = parse_echo_reply(reply);
    REQUIRE(parsed);
    CHECK(parsed->server == "srv3");
    CHECK(parsed->message == "c1 s2 xx");
}

TEST_CASE("a reply without a server name is not an echo reply") {
    CHECK_FALSE(parse_echo_reply("nospace"));
    CHECK_FALSE(parse_echo_reply(" leading space"));
    CHECK_FALSE(parse_echo_reply(""));
}

TEST_CASE("endpoints parse in both families and print back the same") {
    CHECK(parse_endpoint("198.18.100.1:7000").to_string() == "198.18.100.1:7000");
    CHECK(parse_endpoint("[2001:db8:100::1]:7001").to_string() == "[2001:db8:100::1]:7001");
    CHECK(parse_endpoint("[2001:db8:100::1]:7001").address.is_v6());
}

TEST_CASE("malformed endpoints are refused with the text in the message") {
    for (const char* bad : {"198.18.100.1", "198.18.100.1:0", "198.18.100.1:70000", "host:80",
                            "2001:db8::1:80", "[2001:db8::1]80", "[2001:db8::1:80", ":80"}) {
        INFO(bad);
        try {
            parse_endpoint(bad);
            FAIL("accepted " << bad);
        } catch (const std::invalid_argument& error) {
            CHECK_THAT(error.what(), Catch::Contains(bad));
        }
    }
}

TEST_CASE("an IPv4 source range hands out every address in turn, then wraps") {
    const auto range = SourceRange::parse("198.18.201.10-198.18.201.41");
    REQUIRE(range.size() == 32);
    CHECK(range.at(0).to_string() == "198.18.201.10");
    CHECK(range.at(31).to_string() == "198.18.201.41");
    CHECK(range.at(32).to_string() == "198.18.201.10");
    std::set<std::string> seen;
    for (int i = 0; i < 64; ++i) seen.insert(range.at(i).to_string());
    CHECK(seen.size() == 32);
    CHECK(range.to_string() == "198.18.201.10-198.18.201.41");
}

TEST_CASE("an IPv6 source range counts in the last 64 bits") {
    const auto range = SourceRange::parse("2001:db8:201::1:0-2001:db8:201::1:1f");
    REQUIRE(range.size() == 32);
    CHECK(range.is_v6());
    CHECK(range.at(15).to_string() == "2001:db8:201::1:f");
    CHECK(range.at(31).to_string() == "2001:db8:201::1:1f");
    CHECK(SourceRange::parse("2001:db8::ffff-2001:db8::1:0").at(1).to_string() == "2001:db8::1:0");
}

TEST_CASE("a single address is a range of one") {
    const auto range = SourceRange::parse("198.18.201.2");
    CHECK(range.size() == 1);
    CHECK(range.at(7).to_string() == "198.18.201.2");
}

TEST_CASE("source ranges that go backwards, mix families or span prefixes are refused") {
    CHECK_THROWS_AS(SourceRange::parse("198.18.201.41-198.18.201.10"), std::invalid_argument);
    CHECK_THROWS_AS(SourceRange::parse("198.18.201.1-2001:db8::1"), std::invalid_argument);
    CHECK_THROWS_AS(SourceRange::parse("2001:db8:1::1-2001:db8:2::1"), std::invalid_argument);
    CHECK_THROWS_AS(SourceRange::parse("nonsense"), std::invalid_argument);
}

TEST_CASE("latency percentiles are within 1.6% and the maximum is exact") {
    LatencyHistogram histogram;
    CHECK(histogram.percentile(0.5) == 0);
    for (std::uint64_t v = 1; v <= 100000; ++v) histogram.record(v);
    CHECK(histogram.count() == 100000);
    CHECK(histogram.max() == 100000);
    for (double q : {0.5, 0.9, 0.99}) {
        const double want = q * 100000;
        INFO("q=" << q);
        CHECK(std::abs(static_cast<double>(histogram.percentile(q)) - want) <= want * 0.016);
    }
    CHECK(histogram.percentile(1.0) <= 100000);
}

TEST_CASE("small latencies are counted exactly") {
    LatencyHistogram histogram;
    for (int i = 0; i < 9; ++i) histogram.record(5);
    histogram.record(40);
    CHECK(histogram.percentile(0.5) == 5);
    CHECK(histogram.percentile(0.9) == 5);
    CHECK(histogram.percentile(0.99) == 40);
}

TEST_CASE("the report counts breaks by reason and by the server the connection was on") {
    LoadReport report("tcp", "198.18.100.1:7000", 4);
    for (int i = 0; i < 4; ++i) report.attempted();
    report.failed(FailReason::refused);
    for (const char* server : {"srv1", "srv2", "srv2"}) {
        report.established();
        report.first_answer(server);
        report.exchanged(server, std::chrono::microseconds(1500));
    }
    report.broken(BreakReason::server_changed, "srv2");
    report.closed();
    report.finish(2.5, false, false);
    const auto json = report.to_json(0, false);
    CHECK(json["mode"] == "tcp");
    CHECK(json["requested"] == 4);
    CHECK(json["connections"] == 4);
    CHECK(json["established"] == 3);
    CHECK(json["open"] == 2);
    CHECK(json["failed"] == 1);
    CHECK(json["failed_reasons"]["refused"] == 1);
    CHECK(json["broken"] == 1);
    CHECK(json["broken_reasons"]["server_changed"] == 1);
    CHECK(json["broken_by_server"]["srv2"] == 1);
    CHECK(json["servers"]["srv1"] == 1);
    CHECK(json["servers"]["srv2"] == 2);
    CHECK(json["exchanges"] == 3);
    CHECK(json["latency_ms"]["max"] == Approx(1.5));
    CHECK(json["elapsed_s"] == Approx(2.5));
    CHECK(json["interim"] == false);
    CHECK_THAT(report.summary(), Catch::Contains("3 connections, 1 broken"));
}

TEST_CASE("a hard stop counts every connection still open as broken by the deadline") {
    LoadReport report("udp", "[2001:db8:100::1]:7001", 2);
    report.established();
    report.established();
    report.abandon_open();
    const auto json = report.to_json(0, false);
    CHECK(json["broken"] == 2);
    CHECK(json["broken_reasons"]["deadline"] == 2);
    CHECK(json["open"] == 0);
}

TEST_CASE("load modes parse from their names and nothing else") {
    for (auto mode : {LoadMode::tcp, LoadMode::tcp_short, LoadMode::udp, LoadMode::udp_short, LoadMode::bulk})
        CHECK(parse_load_mode(to_string(mode)) == mode);
    CHECK_FALSE(parse_load_mode("TCP"));
    CHECK_FALSE(parse_load_mode("tcp_short"));
}

TEST_CASE("the hard deadline defaults to the duration plus both timeouts plus 5 s") {
    LoadOptions options;
    options.duration = std::chrono::seconds(10);
    options.timeout = std::chrono::milliseconds(2000);
    options.connect_timeout = std::chrono::milliseconds(3000);
    CHECK(options.hard_deadline() == std::chrono::milliseconds(20000));
    options.deadline = std::chrono::seconds(7);
    CHECK(options.hard_deadline() == std::chrono::seconds(7));
}

TEST_CASE("bulk commands print and parse back; anything else is an ordinary echo line") {
    const BulkCommand up{BulkDirection::up, 4194304};
    CHECK(make_bulk_command(up) == "BULK UP 4194304");
    const auto parsed = parse_bulk_command("BULK UP 4194304");
    REQUIRE(parsed);
    CHECK(parsed->direction == BulkDirection::up);
    CHECK(parsed->bytes == 4194304);
    CHECK(parse_bulk_command("BULK DOWN 0")->direction == BulkDirection::down);
    for (const char* line : {"BULK UP", "BULK UP ", "BULK UP 12x", "BULK UP -1", "BULK SIDEWAYS 5",
                             "bulk up 5", "BULK UP 1073741825", "c1 s2 xxxx"})
        CHECK_FALSE(parse_bulk_command(line));
}

TEST_CASE("the bulk pattern is checked from any offset and names the first wrong byte") {
    std::vector<unsigned char> data(1000);
    fill_bulk_pattern(data.data(), data.size(), 250);
    CHECK(data[0] == 250);
    CHECK(data[1] == 0);  // 251 mod 251
    CHECK_FALSE(bulk_pattern_mismatch(data.data(), data.size(), 250));
    CHECK(bulk_pattern_mismatch(data.data(), data.size(), 0) == std::size_t{0});
    data[777] ^= 1;
    CHECK(bulk_pattern_mismatch(data.data(), data.size(), 250) == std::size_t{777});
}

TEST_CASE("the bulk report says per flow and direction how far each transfer got") {
    BulkReport report;
    report.target = "198.18.100.1:7000";
    report.bytes = 100;
    const auto leg = [](BulkDirection direction, std::uint64_t done, bool complete, const char* error) {
        BulkLeg out;
        out.direction = direction;
        out.bytes = 100;
        out.done = done;
        out.complete = complete;
        out.seconds = complete ? 0.5 : 0;
        out.error = error;
        return out;
    };
    BulkFlow ok;
    ok.source = "198.18.201.10:20000";
    ok.server = "srv1";
    ok.connected = true;
    ok.pmtu = 1464;
    ok.snd_mss = 1412;
    ok.legs = {leg(BulkDirection::down, 100, true, ""), leg(BulkDirection::up, 100, true, "")};
    BulkFlow stalled = ok;
    stalled.source = "198.18.201.10:20001";
    stalled.legs[1] = leg(BulkDirection::up, 12, false, "stalled: no progress for 5 s");
    BulkFlow refused;
    refused.source = "198.18.201.10:20002";
    refused.error = "connect: Connection refused";
    refused.legs = {leg(BulkDirection::down, 0, false, "not run: not connected")};
    report.flows = {ok, stalled, refused};
    CHECK(ok.complete());
    CHECK_FALSE(stalled.complete());
    CHECK_FALSE(refused.complete());
    const auto json = report.to_json();
    CHECK(json["mode"] == "bulk");
    CHECK(json["complete"] == 1);
    CHECK(json["incomplete"] == 2);
    CHECK(json["flows"][1]["up"]["done"] == 12);
    CHECK(json["flows"][1]["up"]["error"] == "stalled: no progress for 5 s");
    CHECK(json["flows"][0]["pmtu"] == 1464);
    CHECK_FALSE(json["flows"][2].contains("up"));
    CHECK_THAT(report.summary(), Catch::Contains("up 12 of 100 bytes, stalled: no progress for 5 s") &&
                                     Catch::Contains("3 flows, 1 complete, 2 incomplete"));
}
