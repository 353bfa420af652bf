// SPDX-License-Identifier: MIT
#include "invariant_run.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "frame_mutator.h"
#include "world_variants.h"

namespace shoal::test {
namespace {

constexpr std::size_t kWindow = 256;     // frames between two chances of another world
constexpr std::size_t kMaxFrame = 3000;  // single-buffer XDP: one page minus head/tailroom
constexpr std::size_t kMinFrame = 14;    // BPF_PROG_TEST_RUN refuses less; XDP never sees it
constexpr double kMutated = 0.4;
constexpr double kNewWorld = 0.05;

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

}  // namespace

InvariantTally InvariantRun::run(const std::string& who, const cases::World& world,
                                 const IssuedCookieSockets& cookies,
                                 const model::DataplaneState& state) const {
    const std::uint64_t seed = env_u64("SHOAL_INVARIANT_SEED", std::random_device{}());
    const std::uint64_t count = env_u64("SHOAL_INVARIANT_COUNT", 200000);
    std::cout << "invariants (" << who << "): SHOAL_INVARIANT_SEED=" << seed
              << " SHOAL_INVARIANT_COUNT=" << count << std::endl;
    Dice dice(seed);
    const FrameGrammar grammar(world, cookies);
    const FrameMutator mutator;
    const InvariantChecker checker(state);
    InvariantTally tally;
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        if (i % kWindow == 0 && each_window) each_window(dice);
        if (i % kWindow == 0 && i > 0 && dice.chance(kNewWorld))
            apply(dice.chance(0.2) ? world.state : vary_world(world.state, dice));
        GeneratedFrame g;
        do {
            g = grammar.generate(dice);
        } while (g.frame.size() > kMaxFrame);
        std::string mutation;
        if (dice.chance(kMutated)) mutation = mutator.mutate(g.frame, dice);
        if (g.frame.size() < kMinFrame) continue;
        const Outcome out = decide(g);
        tally.add(checker.check(g.frame, out.action, out.output), g.recipe, mutation, g.frame,
                  out.output);
    }
    apply(world.state);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "invariants (" << who << "): " << tally.frames() << " frames in " << seconds
              << " s\n"
              << tally.report() << std::endl;
    return tally;
}

std::vector<std::string> unexercised(const InvariantTally& tally) {
    std::vector<std::string> out;
    if (tally.frames() < 20000) return out;  // too few frames to expect every property
    for (const char* p : kInvariantProperties)
        if (!tally.applied().contains(p)) out.push_back(p);
    return out;
}

}  // namespace shoal::test
