// SPDX-License-Identifier: MIT
#include "health/probe_schedule.h"

#include <catch2/catch.hpp>
#include <set>

using namespace std::chrono_literals;
using shoal::health::ProbeSchedule;
using shoal::health::TargetId;

namespace {

std::vector<std::chrono::milliseconds> gaps(ProbeSchedule schedule, int count) {
    std::vector<std::chrono::milliseconds> out;
    for (int i = 0; i < count; ++i) out.push_back(schedule.next_gap(1000ms, 200ms));
    return out;
}

}  // namespace

TEST_CASE("jitter keeps every gap between interval and interval plus jitter", "[health]") {
    ProbeSchedule schedule(42, TargetId{"web", "a"});
    for (auto gap : gaps(schedule, 1000)) {
        REQUIRE(gap >= 1000ms);
        REQUIRE(gap <= 1200ms);
    }
    for (int i = 0; i < 1000; ++i) {
        const auto first = schedule.first_delay(50ms);
        REQUIRE(first >= 0ms);
        REQUIRE(first <= 50ms);
    }
}

TEST_CASE("jitter spreads gaps over its range", "[health]") {
    const auto drawn = gaps(ProbeSchedule(42, TargetId{"web", "a"}), 1000);
    const std::set<std::chrono::milliseconds> distinct(drawn.begin(), drawn.end());
    CHECK(distinct.size() > 150);  // of 201 possible values
    CHECK(*distinct.begin() < 1020ms);
    CHECK(*distinct.rbegin() > 1180ms);
}

TEST_CASE("the same seed and target give the same gaps; other targets differ", "[health]") {
    const auto a1 = gaps(ProbeSchedule(7, TargetId{"web", "a"}), 50);
    const auto a2 = gaps(ProbeSchedule(7, TargetId{"web", "a"}), 50);
    const auto b = gaps(ProbeSchedule(7, TargetId{"web", "b"}), 50);
    const auto other_seed = gaps(ProbeSchedule(8, TargetId{"web", "a"}), 50);
    CHECK(a1 == a2);
    CHECK(a1 != b);
    CHECK(a1 != other_seed);
}

TEST_CASE("no jitter gives exactly the interval", "[health]") {
    ProbeSchedule schedule(1, TargetId{"web", "a"});
    CHECK(schedule.first_delay(0ms) == 0ms);
    CHECK(schedule.next_gap(250ms, 0ms) == 250ms);
}
