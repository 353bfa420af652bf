// SPDX-License-Identifier: MIT
// The real shoal_xdp and the reference model on the same random and mutated frames, in the
// same world: same action, redirect interface, output bytes and counters. SHOAL_DIFF_SEED and
// SHOAL_DIFF_COUNT replay or resize a run.
#include <linux/bpf.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "frame_grammar.h"
#include "frame_mutator.h"
#include "model/decide.h"
#include "packet/dump.h"
#include "xdp_rig/issued_cookie_sockets.h"
#include "xdp_rig/xdp_rig.h"

using namespace shoal;
using namespace shoal::test;

namespace {

constexpr std::size_t kWindow = 256;          // packets between two counter snapshots
constexpr std::size_t kMaxFrame = 3000;       // single-buffer XDP: one page minus head/tailroom
constexpr double kMutated = 0.4;              // share of frames mutated after generation
constexpr auto kCookieRefresh = std::chrono::seconds(20);  // a cookie is good for 60-120 s

std::uint64_t env_u64(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

struct Trial {
    std::size_t index = 0;
    GeneratedFrame generated;
    std::string mutation;
    model::Decision model;
    XdpRun program;
};

// The interface a redirected frame leaves through, from its source MAC (the FIB's smac is the
// egress interface's address): bpf_redirect()'s target is not reported by BPF_PROG_TEST_RUN.
std::uint32_t egress_by_mac(const Bytes& frame) {
    if (frame.size() < 12) return 0;
    const Mac* macs[] = {&cases::kIngressMac, &cases::kOtherMac};
    const std::uint32_t ifindexes[] = {cases::kIngressIfindex, cases::kOtherIfindex};
    for (int i = 0; i < 2; ++i)
        if (std::equal(macs[i]->bytes.begin(), macs[i]->bytes.end(), frame.begin() + 6))
            return ifindexes[i];
    return 0;
}

std::optional<std::string> disagreement(const Trial& t) {
    const model::Decision& d = t.model;
    const XdpRun& r = t.program;
    if (r.action != d.action)
        return "action: model " + model::action_name(d.action) + ", program " +
               model::action_name(r.action);
    if (d.action == XDP_REDIRECT && egress_by_mac(r.output) != d.redirect_ifindex)
        return "redirect: model to ifindex " + std::to_string(d.redirect_ifindex) +
               ", program out of the interface with MAC of ifindex " +
               std::to_string(egress_by_mac(r.output));
    if (d.action != XDP_DROP && r.output != d.frame) return "output bytes differ";
    return std::nullopt;
}

StatsDelta predicted(const model::Decision& d) {
    StatsDelta delta;
    std::vector<ServerChange> servers;
    if (d.srv_target) servers.push_back({*d.srv_target, 1, d.srv_bytes});
    add_expected(delta, d.stats_row, d.verdict, d.decap_counted, d.stats_bytes, servers);
    return delta;
}

std::string diagnosis(std::uint64_t seed, const Trial& t, const std::string& why) {
    std::ostringstream out;
    out << "MISMATCH at packet " << t.index << " (SHOAL_DIFF_SEED=" << seed << "): " << why
        << "\nrecipe: " << t.generated.recipe
        << "\nmutation: " << (t.mutation.empty() ? "none" : t.mutation)
        << "\ningress ifindex " << t.generated.ingress_ifindex << "\n--- input ("
        << t.generated.frame.size() << " bytes)\n"
        << describe_frame(t.generated.frame) << "\n"
        << hexdump(t.generated.frame)
        << "--- model: " << model::describe(t.model) << "\n"
        << describe_frame(t.model.frame) << "\n"
        << hexdump(t.model.frame)
        << "--- program: " << model::action_name(t.program.action) << ", "
        << t.program.output.size() << " bytes out\n"
        << describe_frame(t.program.output) << "\n"
        << hexdump(t.program.output);
    if (t.model.action != XDP_DROP && t.program.action != XDP_DROP)
        out << "--- difference\n" << explain_difference(t.model.frame, t.program.output);
    return out.str();
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
    Dice dice(seed);
    const FrameGrammar grammar(rig.world(), oracle);
    const FrameMutator mutator;
    std::map<std::string, std::size_t> verdicts;
    std::size_t mutated = 0, decapsulated = 0;
    auto refreshed = std::chrono::steady_clock::now() - 2 * kCookieRefresh;
    const auto started = std::chrono::steady_clock::now();

    for (std::size_t start = 0; start < count; start += kWindow) {
        if (std::chrono::steady_clock::now() - refreshed > kCookieRefresh) {
            refresh_cookies(rig, oracle, dice);
            refreshed = std::chrono::steady_clock::now();
        }
        std::vector<Trial> window;
        StatsDelta expected;
        const StatsSnapshot before = rig.stats();
        for (std::size_t i = start; i < std::min<std::size_t>(start + kWindow, count); ++i) {
            Trial t;
            t.index = i;
            do {
                t.generated = grammar.generate(dice);
            } while (t.generated.frame.size() > kMaxFrame);
            if (dice.chance(kMutated)) {
                t.mutation = mutator.mutate(t.generated.frame, dice);
                ++mutated;
            }
            const GeneratedFrame& g = t.generated;
            t.model = model::decide(g.frame, g.ingress_ifindex, rig.state(), rig.world().fib, oracle);
            t.program = rig.run(g.frame, g.ingress_ifindex);
            if (const auto why = disagreement(t)) FAIL(diagnosis(seed, t, *why));
            expected.add(predicted(t.model));
            ++verdicts[model::stat_name(t.model.verdict)];
            decapsulated += t.model.decap_counted;
            window.push_back(std::move(t));
        }
        const StatsDelta moved = stats_delta(before, rig.stats());
        if (moved == expected) continue;
        // Replay the window one frame at a time to name the first frame that counted wrong.
        for (const Trial& t : window) {
            const StatsSnapshot one_before = rig.stats();
            rig.run(t.generated.frame, t.generated.ingress_ifindex);
            const StatsDelta one = stats_delta(one_before, rig.stats());
            if (one != predicted(t.model))
                FAIL(diagnosis(seed, t, "counters: model " + predicted(t.model).describe() +
                                            ", program " + one.describe()));
        }
        FAIL("window at " << start << ": counters moved " << moved.describe() << " but the model "
                          << "predicted " << expected.describe() << ", and no single frame "
                          << "reproduces it (SHOAL_DIFF_SEED=" << seed << ")");
    }

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "differential: " << count << " frames (" << mutated << " mutated, "
              << decapsulated << " decapsulated) agreed in " << seconds << " s; verdicts:";
    for (const auto& [name, n] : verdicts) std::cout << " " << name << "=" << n;
    std::cout << std::endl;
    if (count >= 20000) {
        // The grammar reaches every verdict but the unreachable DROP_NO_HEADROOM.
        for (int s = 0; s < SHOAL_STAT_MAX; ++s) {
            const auto stat = static_cast<shoal_stat>(s);
            if (stat == SHOAL_STAT_DECAP || stat == SHOAL_STAT_DROP_NO_HEADROOM) continue;
            INFO(model::stat_name(stat));
            CHECK(verdicts[model::stat_name(stat)] > 0);
        }
    }
}
