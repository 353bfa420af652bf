// SPDX-License-Identifier: MIT
// The benchmark's Maglev must be a faithful Maglev, or the comparison means nothing.
#include "maglev_table.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

using namespace shoal::bench;

namespace {

std::vector<MaglevBackend> backends(const std::vector<std::uint32_t>& weights) {
    std::vector<MaglevBackend> out;
    for (std::uint32_t i = 0; i < weights.size(); ++i)
        out.push_back({100 + i, "backend-" + std::to_string(i), weights[i]});
    return out;
}

std::map<std::uint32_t, std::uint64_t> counts(const std::vector<std::uint32_t>& entries) {
    std::map<std::uint32_t, std::uint64_t> out;
    for (std::uint32_t id : entries) ++out[id];
    return out;
}

}  // namespace

TEST_CASE("maglev table sizes are the next prime", "[unit]") {
    CHECK(next_prime(65536) == 65537);
    CHECK(next_prime(1u << 20) == 1048583);
    CHECK(next_prime(257) == 257);
}

TEST_CASE("equal weights fill the table like classic maglev, counts within one", "[unit]") {
    const auto entries = build_maglev(backends(std::vector<std::uint32_t>(10, 7)), 1009);
    REQUIRE(entries.size() == 1009);
    const auto c = counts(entries);
    REQUIRE(c.size() == 10);
    std::uint64_t low = ~0ull, high = 0;
    for (const auto& [id, n] : c) {
        CHECK((id >= 100 && id < 110));
        low = std::min(low, n);
        high = std::max(high, n);
    }
    CHECK(high - low <= 1);
}

TEST_CASE("weights give turns in proportion; weight 0 gets nothing", "[unit]") {
    const std::uint32_t size = 60013;
    const auto c = counts(build_maglev(backends({1, 2, 3, 0}), size));
    CHECK(c.count(103) == 0);
    for (std::uint32_t i = 0; i < 3; ++i)
        CHECK(std::abs(double(c.at(100 + i)) - size * (i + 1) / 6.0) <= 2.0);
}

TEST_CASE("maglev moves few entries when a backend leaves, and repeats exactly", "[unit]") {
    auto set = backends(std::vector<std::uint32_t>(50, 1));
    const auto before = build_maglev(set, 65537);
    CHECK(build_maglev(set, 65537) == before);
    set[17].weight = 0;
    const auto after = build_maglev(set, 65537);
    std::size_t moved = 0;
    for (std::size_t e = 0; e < before.size(); ++e) moved += before[e] != after[e];
    const auto lost = counts(before).at(117);
    CHECK(moved >= lost);
    CHECK(moved < 2 * lost);  // Maglev's extra disruption is small
}

TEST_CASE("maglev refuses a size that is not prime or no backend to fill it", "[unit]") {
    CHECK_THROWS_AS(build_maglev(backends({1}), 65536), std::invalid_argument);
    CHECK_THROWS_AS(build_maglev(backends({0, 0}), 65537), std::invalid_argument);
}
