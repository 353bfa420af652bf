// SPDX-License-Identifier: MIT
// The real shoal_xdp and the reference model on the same frames in the same world: random and
// mutated ones from FrameGrammar and FrameMutator, and every truncation of every packet case.
// Every random frame's outcome is also judged by the safety invariants (InvariantChecker).
// SHOAL_DIFF_SEED and SHOAL_DIFF_COUNT replay or resize the random run.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>

#include "differential_checker.h"
#include "extra_cases.h"
#include "frame_mutator.h"
#include "invariant_tally.h"
#include "world_variants.h"
#include "xdp_rig/issued_cookie_sockets.h"

using namespace shoal;
using namespace shoal::test;

namespace {

constexpr std::size_t kWindow = 256;     // frames between two counter snapshots
constexpr std::size_t kMaxFrame = 3000;  // single-buffer XDP: one page minus head/tailroom
constexpr double kMutated = 0.4;         // share of frames mutated after generation
constexpr auto kCookieRefresh = std::chrono::seconds(20);  // a cookie is good for 60-120 s
constexpr std::size_t kMinFrame = 14;  // BPF_PROG_TEST_RUN refuses shorter frames
constexpr double kNewWorld = 0.05;     // chance a window starts in another variant of the world

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

void refresh_cookies(const XdpRig& rig, IssuedCookieSockets& oracle, Dice& dice) {
    oracle.clear();
    for (const model::SocketTuple& tuple : rig.world().sockets.valid_syncookies())
        oracle.add(rig.issue_cookie(tuple, dice.u32()));
}

}  // namespace

TEST_CASE("the real program and the model decide alike on random and mutated frames",
          "[differential]") {
    const std::uint64_t seed = env_u64("SHOAL_DIFF_SEED", std::random_device{}());
    const std::uint64_t count = env_u64("SHOAL_DIFF_COUNT", 100000);
    std::cout << "differential: SHOAL_DIFF_SEED=" << seed << " SHOAL_DIFF_COUNT=" << count
              << std::endl;

    XdpRig rig;
    IssuedCookieSockets oracle(rig.world().sockets);
    DifferentialChecker checker(rig, oracle, seed);
    Dice dice(seed);
    const FrameGrammar grammar(rig.world(), oracle);
    const FrameMutator mutator;
    std::map<std::string, std::size_t> verdicts;
    const InvariantChecker invariants(rig.state());
    InvariantTally tally;
    std::size_t mutated = 0, decapsulated = 0;
    std::size_t worlds = 1;
    auto refreshed = std::chrono::steady_clock::now() - 2 * kCookieRefresh;
    const auto started = std::chrono::steady_clock::now();

    for (std::size_t i = 0; i < count; ++i) {
        if (i % kWindow == 0 && std::chrono::steady_clock::now() - refreshed > kCookieRefresh) {
            refresh_cookies(rig, oracle, dice);
            refreshed = std::chrono::steady_clock::now();
        }
        // Halfway a varied world for certain: some verdicts need one (vary_world's first).
        const bool halfway = i == count / 2 / kWindow * kWindow;
        if (i % kWindow == 0 && i > 0 && (halfway || dice.chance(kNewWorld))) {
            rig.apply(!halfway && dice.chance(0.2) ? rig.world().state
                                                   : vary_world(rig.world().state, dice));
            ++worlds;
        }
        Trial t;
        t.index = i;
        do {
            t.generated = grammar.generate(dice);
        } while (t.generated.frame.size() > kMaxFrame);
        if (dice.chance(kMutated)) {
            t.mutation = mutator.mutate(t.generated.frame, dice);
            ++mutated;
        }
        if (const auto why = checker.check(t, rig.state())) FAIL(*why);
        tally.add(invariants.check(t.generated.frame, t.program.action, t.program.output),
                  t.generated.recipe, t.mutation, t.generated.frame, t.program.output);
        ++verdicts[model::stat_name(t.model.verdict)];
        decapsulated += t.model.decap_counted;
        if (t.model.auth_event) ++verdicts[model::stat_name(*t.model.auth_event)];
        if ((i + 1) % kWindow == 0 || i + 1 == count)
            if (const auto why = checker.end_window()) FAIL(*why);
    }

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "differential: " << count << " frames (" << mutated << " mutated, " << decapsulated
              << " decapsulated, " << worlds << " worlds) agreed in " << seconds << " s; verdicts:";
    for (const auto& [name, n] : verdicts) std::cout << " " << name << "=" << n;
    std::cout << std::endl << tally.report() << std::endl;
    CHECK(tally.clean());
    rig.apply(rig.world().state);
    if (count >= 20000) {
        // The grammar reaches every verdict but the unreachable DROP_NO_HEADROOM.
        for (int s = 0; s < SHOAL_STAT_MAX; ++s) {
            const auto stat = static_cast<shoal_stat>(s);
            if (shoal_stat_is_event(stat) || stat == SHOAL_STAT_DROP_NO_HEADROOM) continue;
            INFO(model::stat_name(stat));
            CHECK(verdicts[model::stat_name(stat)] > 0);
        }
    }
}

TEST_CASE("the real program and the model decide alike on every truncation of every packet case",
          "[differential][truncation]") {
    XdpRig rig;
    IssuedCookieSockets oracle(rig.world().sockets);
    Dice dice(1);
    refresh_cookies(rig, oracle, dice);
    DifferentialChecker checker(rig, oracle, 0);
    std::vector<cases::PacketCase> all = cases::all_packet_cases();
    for (cases::PacketCase& c : extra_packet_cases()) all.push_back(std::move(c));

    std::size_t frames = 0;
    for (const cases::PacketCase& c : all) {
        cases::World world = cases::base_world();
        if (c.tweak) c.tweak(world);
        rig.apply(world.state);
        Bytes frame = c.frame;
        for (const IssuedCookie& cookie : oracle.cookies())
            if (c.needs_valid_syncookie && tcp_header_of(frame, cookie.tuple))
                carry_cookie(frame, cookie);
        for (std::size_t len = kMinFrame; len <= frame.size(); ++len) {
            Trial t;
            t.index = frames++;
            t.generated = {Bytes(frame.begin(), frame.begin() + len), c.ingress_ifindex,
                           c.name + ", first " + std::to_string(len) + " bytes"};
            if (const auto why = checker.check(t, world.state)) FAIL(*why);
        }
        if (const auto why = checker.end_window()) FAIL(*why);
    }
    rig.apply(rig.world().state);
    std::cout << "truncation: " << frames << " frames from " << all.size() << " cases agreed"
              << std::endl;
}
