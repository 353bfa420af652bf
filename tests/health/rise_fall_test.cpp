// SPDX-License-Identifier: MIT
#include "health/rise_fall.h"

#include <catch2/catch.hpp>

using shoal::health::HealthState;
using shoal::health::RiseFall;

namespace {

// Feeds results ('+' success, '-' failure); returns "n:state" for each change.
std::vector<std::string> feed(RiseFall& counter, std::string_view results) {
    std::vector<std::string> changes;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (auto changed = counter.record(results[i] == '+'))
            changes.push_back(std::to_string(i + 1) + ":" +
                              std::string(shoal::health::to_string(*changed)));
    }
    return changes;
}

}  // namespace

TEST_CASE("a new target stays unknown until rise successes make it up", "[health]") {
    RiseFall counter(3, 2);
    CHECK(counter.state() == HealthState::unknown);
    CHECK(feed(counter, "++") == std::vector<std::string>{});
    CHECK(counter.state() == HealthState::unknown);
    CHECK(feed(counter, "+") == std::vector<std::string>{"1:up"});
    CHECK(counter.consecutive_successes() == 3);
}

TEST_CASE("a new target becomes down after exactly fall failures", "[health]") {
    RiseFall counter(3, 2);
    CHECK(feed(counter, "--") == std::vector<std::string>{"2:down"});
    CHECK(counter.consecutive_failures() == 2);
}

TEST_CASE("an interrupted streak starts counting again", "[health]") {
    RiseFall counter(2, 3);
    // up at 2; failures 3,4 then a success resets; failures 6,7,8 make it down at 8;
    // success 9, failure 10, then 11,12 make it up at 12.
    CHECK(feed(counter, "++--+---+-++") == std::vector<std::string>{"2:up", "8:down", "12:up"});
}

TEST_CASE("rise and fall of one change state on every opposite result", "[health]") {
    RiseFall counter(1, 1);
    CHECK(feed(counter, "+-+--++") ==
          std::vector<std::string>{"1:up", "2:down", "3:up", "4:down", "6:up"});
}

TEST_CASE("results agreeing with the state change nothing", "[health]") {
    RiseFall counter(1, 2);
    CHECK(feed(counter, "++++") == std::vector<std::string>{"1:up"});
    CHECK(counter.consecutive_successes() == 4);
    CHECK(counter.consecutive_failures() == 0);
}

TEST_CASE("new thresholds apply to the running streak", "[health]") {
    RiseFall counter(5, 5);
    CHECK(feed(counter, "+++") == std::vector<std::string>{});
    counter.set_thresholds(4, 5);
    CHECK(feed(counter, "+") == std::vector<std::string>{"1:up"});
}
