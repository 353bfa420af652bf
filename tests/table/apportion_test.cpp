// SPDX-License-Identifier: MIT
#include "table/apportion.h"

#include <catch2/catch.hpp>
#include <numeric>
#include <random>

#include "table/table_types.h"

using namespace shoal::table;
using Parts = std::vector<std::uint64_t>;

TEST_CASE("apportion gives the floor plus one to the largest remainders", "[cases]") {
    // 7 * {5,3,2} / 10 = {3.5, 2.1, 1.4}: floors {3,2,1}, the one left over goes to 3.5.
    CHECK(apportion(7, Parts{5, 3, 2}) == Parts{4, 2, 1});
    CHECK(apportion(10, Parts{0, 1, 0}) == Parts{0, 10, 0});
    CHECK(apportion(0, Parts{0, 0}) == Parts{0, 0});
}

TEST_CASE("apportion breaks remainder ties by preference, then by position", "[cases]") {
    CHECK(apportion(10, Parts{1, 1, 1}) == Parts{4, 3, 3});
    const std::vector<std::uint8_t> prefer{0, 0, 1};
    CHECK(apportion(10, Parts{1, 1, 1}, prefer) == Parts{3, 3, 4});
    // A preference never beats a larger remainder: 11 * {2,1} / 3 = {7.33, 3.67}.
    const std::vector<std::uint8_t> prefer_first{1, 0};
    CHECK(apportion(11, Parts{2, 1}, prefer_first) == Parts{7, 4});
}

TEST_CASE("apportion refuses to split among weights that are all zero", "[cases]") {
    CHECK_THROWS_AS(apportion(5, Parts{0, 0}), TableError);
    CHECK_THROWS_AS(apportion(5, Parts{}), TableError);
}

TEST_CASE("apportion sums to the total and stays within 1 of the exact share", "[property]") {
    const std::uint64_t seed = 20240611;
    std::mt19937_64 rng(seed);
    for (int round = 0; round < 2000; ++round) {
        INFO("seed " << seed << " round " << round);
        Parts weights(1 + rng() % 300);
        for (auto& w : weights) w = rng() % 4 == 0 ? 0 : rng() % 100000;
        weights[rng() % weights.size()] += 1;
        const std::uint64_t total = rng() % (1u << 22);
        const Parts parts = apportion(total, weights);
        REQUIRE(std::accumulate(parts.begin(), parts.end(), std::uint64_t(0)) == total);
        const auto sum =
            (unsigned __int128)std::accumulate(weights.begin(), weights.end(), std::uint64_t(0));
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const auto scaled = (unsigned __int128)total * weights[i];
            REQUIRE(parts[i] >= std::uint64_t(scaled / sum));
            REQUIRE(parts[i] <= std::uint64_t((scaled + sum - 1) / sum));
        }
    }
}
