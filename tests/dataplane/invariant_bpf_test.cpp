// SPDX-License-Identifier: MIT
// The safety invariants of docs/dataplane.md as properties of the real shoal_xdp: generated and
// mutated frames in the test world and its variants, every outcome judged by InvariantChecker.
#include <catch2/catch.hpp>
#include <chrono>

#include "invariant_run.h"
#include "xdp_rig/issued_cookie_sockets.h"
#include "xdp_rig/xdp_rig.h"

using namespace shoal;
using namespace shoal::test;

namespace {
constexpr auto kCookieRefresh = std::chrono::seconds(20);  // a cookie is good for 60-120 s
}  // namespace

TEST_CASE("the real program keeps the safety invariants on generated and mutated frames",
          "[invariants]") {
    XdpRig rig;
    IssuedCookieSockets cookies(rig.world().sockets);
    auto refreshed = std::chrono::steady_clock::now() - 2 * kCookieRefresh;
    InvariantRun run;
    run.apply = [&](const model::DataplaneState& state) { rig.apply(state); };
    run.decide = [&](const GeneratedFrame& g) {
        XdpRun r = rig.run(g.frame, g.ingress_ifindex);
        return InvariantRun::Outcome{r.action, std::move(r.output)};
    };
    run.each_window = [&](Dice& dice) {  // ACKs of the SYN-cookie flows carry real cookies
        if (std::chrono::steady_clock::now() - refreshed < kCookieRefresh) return;
        cookies.clear();
        for (const model::SocketTuple& t : rig.world().sockets.valid_syncookies())
            cookies.add(rig.issue_cookie(t, dice.u32()));
        refreshed = std::chrono::steady_clock::now();
    };
    const InvariantTally tally = run.run("program", rig.world(), cookies, rig.state());
    CHECK(tally.clean());
    CHECK(unexercised(tally).empty());
}
