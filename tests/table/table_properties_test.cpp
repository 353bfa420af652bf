// SPDX-License-Identifier: MIT
// Thousands of seeded random services, each taken through a chain of changes; every build
// is checked against all the rules by table_checks, independently of the builder.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "build_helpers.h"
#include "random_services.h"
#include "table/server_change.h"
#include "table_checks.h"

using namespace shoal::table;
using namespace shoal::table::test;

namespace {

constexpr std::uint64_t kBaseSeed = 0x5e0a1;

bool any_active_weight(const std::vector<Server>& servers) {
    return std::any_of(servers.begin(), servers.end(), [](const Server& s) {
        return s.state == ServerState::active && s.weight > 0;
    });
}

struct ChainOptions {
    bool constrained = true;  // random chain window and cap; else no guard, no cap
    int scenarios = 0;
    unsigned min_table_bits = 8;
    unsigned max_table_bits = 16;
};

BuildOptions random_options(RandomServices& random, std::uint32_t buckets, bool constrained) {
    BuildOptions options;
    options.chain_window = std::chrono::minutes(0);
    if (!constrained) return options;
    const auto roll = random.uniform(0, 3);
    options.chain_window = roll == 0   ? std::chrono::minutes(0)
                           : roll == 1 ? std::chrono::minutes(10)
                                       : std::chrono::minutes(random.uniform(1, 30));
    if (random.chance(0.25)) options.max_moves = random.uniform(0, buckets / 4);
    return options;
}

void check_or_fail(const BuildInput& input, const BuildResult& result) {
    const auto bad = check_build(input, result);
    INFO(summarize(bad));
    REQUIRE(bad.empty());
}

// Same inputs, servers in another order: the same table, byte for byte.
void check_deterministic(const BuildInput& input, const BuildResult& result, std::uint64_t seed) {
    std::vector<Server> shuffled(input.servers.begin(), input.servers.end());
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(seed));
    BuildInput again = input;
    again.servers = shuffled;
    const BuildResult twin = build_table(again);
    REQUIRE(twin.table == result.table);
    REQUIRE(twin.report.moved == result.report.moved);
    REQUIRE(twin.report.held_by_guard == result.report.held_by_guard);
}

// How often each rule had something to do, so a sweep that never exercises one fails.
struct Coverage {
    int builds = 0, guard_held = 0, cap_held = 0, swaps = 0, forced = 0, zero_weight_errors = 0;
};

Coverage run_chains(const ChainOptions& chain) {
    Coverage seen;
    for (int scenario = 0; scenario < chain.scenarios; ++scenario) {
        const std::uint64_t seed = kBaseSeed + std::uint64_t(scenario) * 7919;
        INFO("scenario seed " << seed << " (RandomServices(seed) reproduces it)");
        RandomServices random(seed);
        const std::uint32_t buckets = random.table_size(chain.min_table_bits, chain.max_table_bits);
        auto servers = random.servers(random.server_count(5000), random.chance(0.02));
        const BuildOptions options = random_options(random, buckets, chain.constrained);
        TimePoint now = kStart;
        if (!any_active_weight(servers)) {
            REQUIRE_THROWS_AS(first_build(buckets, servers, now), TableError);
            ++seen.zero_weight_errors;
            continue;
        }
        BuildResult current = first_build(buckets, servers, now);
        check_or_fail({buckets, servers, nullptr, now, options}, current);

        const auto steps = random.uniform(1, 6);
        for (std::uint64_t step = 0; step < steps; ++step) {
            INFO("step " << step);
            auto next = servers;
            for (auto n = random.uniform(1, 3); n > 0; --n)
                next = apply_change(next, random.change(next));
            now += std::chrono::minutes(random.uniform(0, 15));
            const BuildInput input{buckets, next, &current.table, now, options};
            if (!any_active_weight(next)) {
                REQUIRE_THROWS_AS(build_table(input), TableError);
                ++seen.zero_weight_errors;
                continue;
            }
            BuildResult r = build_table(input);
            check_or_fail(input, r);
            ++seen.builds;
            seen.guard_held += r.report.held_by_guard > 0;
            seen.cap_held += r.report.held_by_cap > 0;
            seen.swaps += r.report.swap_moved > 0;
            seen.forced += r.report.forced_moved > 0;
            if (step == 0) check_deterministic(input, r, seed);
            servers = std::move(next);
            current = std::move(r);
        }
    }
    return seen;
}

}  // namespace

TEST_CASE("random chains of changes under guard and cap keep every rule", "[property]") {
    const Coverage seen = run_chains({.constrained = true, .scenarios = 1500});
    WARN("builds " << seen.builds << ", guard held " << seen.guard_held << ", cap held "
                   << seen.cap_held << ", swaps " << seen.swaps << ", forced " << seen.forced
                   << ", zero-weight errors " << seen.zero_weight_errors);
    CHECK(seen.builds > 4000);
    CHECK(seen.guard_held > 150);
    CHECK(seen.cap_held > 150);
    CHECK(seen.swaps > 150);
    CHECK(seen.forced > 500);
    CHECK(seen.zero_weight_errors > 10);
}

TEST_CASE("unconstrained rebuilds move exactly the optimum and reach every target", "[property]") {
    // check_build requires moved == optimum and convergence when the window is 0, no cap.
    const Coverage seen = run_chains({.constrained = false, .scenarios = 1000});
    CHECK(seen.builds > 2500);
    CHECK(seen.guard_held == 0);
    CHECK(seen.cap_held == 0);
}

TEST_CASE("large tables keep every rule", "[property]") {
    run_chains({.constrained = true, .scenarios = 12, .min_table_bits = 18, .max_table_bits = 20});
}
