// SPDX-License-Identifier: MIT
#include "table/share_targets.h"

#include <catch2/catch.hpp>

#include "table/server_slots.h"

using namespace shoal::table;
using Counts = std::vector<std::uint32_t>;

TEST_CASE("draining and down servers get no share", "[cases]") {
    const std::vector<Server> servers{{1, "a", 100, ServerState::active},
                                      {2, "b", 100, ServerState::draining},
                                      {3, "c", 100, ServerState::down},
                                      {4, "d", 300, ServerState::active}};
    const ServerSlots slots(servers);
    const ShareTargets t = compute_share_targets(256, slots);
    CHECK(t.target == Counts{64, 0, 0, 192});
    CHECK(t.exact == std::vector<double>{64.0, 0.0, 0.0, 192.0});
}

TEST_CASE("targets follow server index order, not input order", "[cases]") {
    const std::vector<Server> servers{{9, "late", 1}, {2, "early", 1}, {5, "middle", 1}};
    const ServerSlots slots(servers);
    REQUIRE(slots.index(0) == 2);
    REQUIRE(slots.index(2) == 9);
    // 256 / 3 = 85.33: the one extra bucket goes to the lowest index.
    CHECK(compute_share_targets(256, slots).target == Counts{86, 85, 85});
}

TEST_CASE("a remainder tie goes to the server that already holds the extra bucket", "[cases]") {
    const std::vector<Server> servers{{1, "a", 1}, {2, "b", 1}, {3, "c", 1}};
    const ServerSlots slots(servers);
    CHECK(compute_share_targets(256, slots, Counts{85, 85, 86}).target == Counts{85, 85, 86});
    CHECK(compute_share_targets(256, slots, Counts{0, 0, 256}).target == Counts{85, 85, 86});
}

TEST_CASE("no active weight above zero is an error naming the states", "[cases]") {
    const std::vector<Server> servers{{1, "a", 0, ServerState::active},
                                      {2, "b", 50, ServerState::draining},
                                      {3, "c", 50, ServerState::down}};
    const ServerSlots slots(servers);
    CHECK_THROWS_WITH(compute_share_targets(256, slots),
                      Catch::Contains("no active server has a weight above 0") &&
                          Catch::Contains("1 active, 1 draining, 1 down"));
    const std::vector<Server> none;
    CHECK_THROWS_AS(compute_share_targets(256, ServerSlots(none)), TableError);
}

TEST_CASE("server slots reject duplicate and out-of-range indexes", "[cases]") {
    const std::vector<Server> twins{{4, "x", 1}, {4, "y", 1}};
    CHECK_THROWS_WITH(ServerSlots(twins), Catch::Contains("share index 4"));
    const std::vector<Server> huge{{kMaxServerIndex + 1, "big", 1}};
    CHECK_THROWS_WITH(ServerSlots(huge), Catch::Contains("above the builder's limit"));
}
