// SPDX-License-Identifier: MIT
#include "base/duration.h"

#include <catch2/catch.hpp>

using shoal::format_duration;
using shoal::parse_duration;
using namespace std::chrono_literals;

TEST_CASE("durations parse with units h, m, s and ms") {
    CHECK(parse_duration("500ms") == 500ms);
    CHECK(parse_duration("2s") == 2s);
    CHECK(parse_duration("10m") == 10min);
    CHECK(parse_duration("1h") == 1h);
    CHECK(parse_duration("1m30s") == 90s);
    CHECK(parse_duration("1h2m3s4ms") == 1h + 2min + 3s + 4ms);
    CHECK(parse_duration("0s") == 0ms);
}

TEST_CASE("malformed durations are refused") {
    for (const char* text : {"", "5", "s", "1.5s", "-1s", "1S", "2s1m", "1s1s", "5 s", "1d",
                             "10000h", "1ms500", "90", "30s2m", "5x", "1m1m", "10sec"}) {
        INFO(text);
        CHECK_FALSE(parse_duration(text).has_value());
    }
}

TEST_CASE("format_duration writes what parse_duration reads back") {
    for (std::chrono::milliseconds d : {0ms, 1ms, 500ms, 1000ms, 90000ms, 600000ms, 3723004ms}) {
        INFO(d.count());
        CHECK(parse_duration(format_duration(d)) == d);
    }
    CHECK(format_duration(90s) == "1m30s");
    CHECK(format_duration(500ms) == "500ms");
    CHECK(format_duration(5min) == "5m");
    CHECK(format_duration(0ms) == "0s");
}
