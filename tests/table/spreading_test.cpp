// SPDX-License-Identifier: MIT
// interleave() and SpreadPicker: the two tools that keep moves and owners spread out.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "table/interleave.h"
#include "table/spread_picker.h"

using namespace shoal::table;
using Seq = std::vector<std::uint32_t>;

namespace {

// Largest distance between consecutive positions, wrapping around a sequence of `size`.
std::size_t max_gap(const std::vector<std::size_t>& at, std::size_t size) {
    std::size_t gap = at.front() + size - at.back();
    for (std::size_t i = 1; i < at.size(); ++i) gap = std::max(gap, at[i] - at[i - 1]);
    return gap;
}

}  // namespace

TEST_CASE("interleave alternates equal counts and centres single turns", "[cases]") {
    CHECK(interleave(std::vector<std::uint64_t>{2, 2}) == Seq{0, 1, 0, 1});
    // Slot 1's turns sit at 4/6, 12/6, 20/6 -> keys 0, 2, 3; slot 0's single turn at key 2.
    CHECK(interleave(std::vector<std::uint64_t>{1, 3}) == Seq{1, 0, 1, 1});
    CHECK(interleave(std::vector<std::uint64_t>{0, 3, 0}) == Seq{1, 1, 1});
    CHECK(interleave(std::vector<std::uint64_t>{}).empty());
}

TEST_CASE("interleave spreads every slot over the whole sequence", "[property]") {
    const std::uint64_t seed = 77;
    std::mt19937_64 rng(seed);
    for (int round = 0; round < 200; ++round) {
        INFO("seed " << seed << " round " << round);
        std::vector<std::uint64_t> counts(1 + rng() % 500);
        for (auto& c : counts) c = rng() % 3 == 0 ? 0 : rng() % 400;
        counts[0] += 1;
        const Seq seq = interleave(counts);
        std::vector<std::vector<std::size_t>> at(counts.size());
        for (std::size_t i = 0; i < seq.size(); ++i) at.at(seq[i]).push_back(i);
        for (std::uint32_t s = 0; s < counts.size(); ++s) {
            REQUIRE(at[s].size() == counts[s]);
            if (counts[s] < 2) continue;
            // Turns sit near (k + 1/2) * total / count; collisions push them a little further.
            const double stride = double(seq.size()) / double(counts[s]);
            REQUIRE(double(max_gap(at[s], seq.size())) <= 2 * stride + 2);
        }
    }
}

TEST_CASE("spread picker takes exactly k of n, evenly spaced", "[cases]") {
    for (std::uint64_t n : {1u, 7u, 64u, 1000u})
        for (std::uint64_t k : {0u, 1u, 3u, 7u, 64u, 999u}) {
            for (std::uint64_t phase : {0u, 5u, 12345u}) {
                INFO("k " << k << " n " << n << " phase " << phase);
                SpreadPicker picker(k, n, phase);
                std::vector<std::uint64_t> picked;
                for (std::uint64_t i = 0; i < n; ++i)
                    if (picker.offer(true)) picked.push_back(i);
                REQUIRE(picked.size() == std::min(k, n));
                for (std::size_t i = 1; i < picked.size(); ++i)
                    REQUIRE(picked[i] - picked[i - 1] <= (n + k - 1) / k);
            }
        }
}

TEST_CASE("spread picker takes a refused pick at the next candidate", "[cases]") {
    SpreadPicker picker(4, 4, 0);  // wants every candidate
    CHECK_FALSE(picker.offer(false));
    CHECK(picker.offer(true));
    CHECK(picker.offer(true));
    CHECK(picker.offer(true));
    CHECK(picker.taken() == 3);
    SpreadPicker half(2, 8, 0);  // due at candidates 4 and 8
    CHECK_FALSE(half.offer(true));
    CHECK_FALSE(half.offer(true));
    CHECK_FALSE(half.offer(true));
    CHECK_FALSE(half.offer(false));  // due, refused: owed
    CHECK(half.offer(true));         // paid back at once
    CHECK_FALSE(half.offer(true));
    CHECK_FALSE(half.offer(true));
    CHECK(half.offer(true));
    CHECK(half.taken() == 2);
}
