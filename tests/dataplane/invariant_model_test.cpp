// SPDX-License-Identifier: MIT
// The safety invariants of docs/dataplane.md as properties of the reference model, on the same
// generated and mutated frames as the program's test (invariant_bpf_test.cpp), in the test world
// and its variants. No kernel needed. SHOAL_INVARIANT_SEED / SHOAL_INVARIANT_COUNT as there.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "frame_grammar.h"
#include "frame_mutator.h"
#include "invariant_tally.h"
#include "model/decide.h"
#include "world_variants.h"
#include "xdp_rig/issued_cookie_sockets.h"

using namespace shoal;
using namespace shoal::test;

namespace {

constexpr std::size_t kWindow = 256;
constexpr std::size_t kMaxFrame = 3000;
constexpr double kMutated = 0.4;
constexpr double kNewWorld = 0.05;

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

}  // namespace

TEST_CASE("the model keeps the safety invariants on generated and mutated frames",
          "[invariants]") {
    const std::uint64_t seed = env_u64("SHOAL_INVARIANT_SEED", std::random_device{}());
    const std::uint64_t count = env_u64("SHOAL_INVARIANT_COUNT", 200000);
    std::cout << "invariants (model): SHOAL_INVARIANT_SEED=" << seed
              << " SHOAL_INVARIANT_COUNT=" << count << std::endl;

    const cases::World world = cases::base_world();
    IssuedCookieSockets sockets(world.sockets);  // no cookie issued: none is valid
    model::DataplaneState state = world.state;
    Dice dice(seed);
    const FrameGrammar grammar(world, sockets);
    const FrameMutator mutator;
    const InvariantChecker checker(state);
    InvariantTally tally;
    const auto started = std::chrono::steady_clock::now();

    for (std::size_t i = 0; i < count; ++i) {
        if (i % kWindow == 0 && i > 0 && dice.chance(kNewWorld))
            state = dice.chance(0.2) ? world.state : vary_world(world.state, dice);
        GeneratedFrame g;
        do {
            g = grammar.generate(dice);
        } while (g.frame.size() > kMaxFrame);
        std::string mutation;
        if (dice.chance(kMutated)) mutation = mutator.mutate(g.frame, dice);
        const model::Decision d = model::decide(g.frame, g.ingress_ifindex, state, world.fib, sockets);
        tally.add(checker.check(g.frame, d.action, d.frame), g.recipe, mutation, g.frame, d.frame);
    }

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "invariants (model): " << tally.frames() << " frames in " << seconds << " s\n"
              << tally.report() << std::endl;
    CHECK(tally.clean());
    if (count >= 20000) {
        for (const char* p : kInvariantProperties) {
            INFO(p);
            CHECK(tally.applied().count(p));
        }
    }
}
