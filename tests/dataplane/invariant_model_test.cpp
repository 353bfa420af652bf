// SPDX-License-Identifier: MIT
// The safety invariants of docs/dataplane.md as properties of the reference model, on the same
// kind of frames as the program's test (invariant_bpf_test.cpp). No kernel needed.
#include <catch2/catch.hpp>

#include "invariant_run.h"
#include "model/decide.h"
#include "xdp_rig/issued_cookie_sockets.h"

using namespace shoal;
using namespace shoal::test;

TEST_CASE("the model keeps the safety invariants on generated and mutated frames",
          "[invariants]") {
    const cases::World world = cases::base_world();
    const IssuedCookieSockets sockets(world.sockets);  // no cookie issued: none is valid
    model::DataplaneState state = world.state;
    InvariantRun run;
    run.apply = [&](const model::DataplaneState& next) { state = next; };
    run.decide = [&](const GeneratedFrame& g) {
        model::Decision d = model::decide(g.frame, g.ingress_ifindex, state, world.fib, sockets);
        return InvariantRun::Outcome{d.action, std::move(d.frame)};
    };
    const InvariantTally tally = run.run("model", world, sockets, state);
    CHECK(tally.clean());
    CHECK(unexercised(tally).empty());
}
