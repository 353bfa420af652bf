// SPDX-License-Identifier: MIT
// The safety invariants of docs/dataplane.md as properties of the real shoal_xdp: generated and
// mutated frames (FrameGrammar, FrameMutator) in the test world and its variants, every output
// judged by InvariantChecker. SHOAL_INVARIANT_SEED and SHOAL_INVARIANT_COUNT replay or resize it.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "frame_grammar.h"
#include "frame_mutator.h"
#include "invariant_tally.h"
#include "world_variants.h"
#include "xdp_rig/issued_cookie_sockets.h"
#include "xdp_rig/xdp_rig.h"

using namespace shoal;
using namespace shoal::test;

namespace {

constexpr std::size_t kWindow = 256;     // frames between two chances of another world
constexpr std::size_t kMaxFrame = 3000;  // single-buffer XDP
constexpr double kMutated = 0.4;
constexpr double kNewWorld = 0.05;
constexpr auto kCookieRefresh = std::chrono::seconds(20);

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

}  // namespace

TEST_CASE("the real program keeps the safety invariants on generated and mutated frames",
          "[invariants]") {
    const std::uint64_t seed = env_u64("SHOAL_INVARIANT_SEED", std::random_device{}());
    const std::uint64_t count = env_u64("SHOAL_INVARIANT_COUNT", 200000);
    std::cout << "invariants (program): SHOAL_INVARIANT_SEED=" << seed
              << " SHOAL_INVARIANT_COUNT=" << count << std::endl;

    XdpRig rig;
    IssuedCookieSockets cookies(rig.world().sockets);
    Dice dice(seed);
    const FrameGrammar grammar(rig.world(), cookies);
    const FrameMutator mutator;
    const InvariantChecker checker(rig.state());  // follows every state the rig applies
    InvariantTally tally;
    auto refreshed = std::chrono::steady_clock::now() - 2 * kCookieRefresh;
    const auto started = std::chrono::steady_clock::now();

    for (std::size_t i = 0; i < count; ++i) {
        if (i % kWindow == 0 && std::chrono::steady_clock::now() - refreshed > kCookieRefresh) {
            cookies.clear();
            for (const model::SocketTuple& t : rig.world().sockets.valid_syncookies())
                cookies.add(rig.issue_cookie(t, dice.u32()));
            refreshed = std::chrono::steady_clock::now();
        }
        if (i % kWindow == 0 && i > 0 && dice.chance(kNewWorld))
            rig.apply(dice.chance(0.2) ? rig.world().state : vary_world(rig.world().state, dice));
        GeneratedFrame g;
        do {
            g = grammar.generate(dice);
        } while (g.frame.size() > kMaxFrame);
        std::string mutation;
        if (dice.chance(kMutated)) mutation = mutator.mutate(g.frame, dice);
        if (g.frame.size() < 14) continue;  // BPF_PROG_TEST_RUN refuses it; XDP never sees one
        const XdpRun run = rig.run(g.frame, g.ingress_ifindex);
        tally.add(checker.check(g.frame, run.action, run.output), g.recipe, mutation, g.frame,
                  run.output);
    }
    rig.apply(rig.world().state);

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "invariants (program): " << tally.frames() << " frames in " << seconds << " s\n"
              << tally.report() << std::endl;
    CHECK(tally.clean());
    if (count >= 20000) {  // every property was exercised, not met by emptiness
        for (const char* p : kInvariantProperties) {
            INFO(p);
            CHECK(tally.applied().count(p));
        }
    }
}
