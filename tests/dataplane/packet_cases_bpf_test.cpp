// SPDX-License-Identifier: MIT
// Every shared packet case of tests/model/cases.h, and the extra ones of extra_cases.h, through
// the real shoal_xdp: action, output bytes, exactly which counters moved, and where TX/REDIRECT
// frames really leave.
#include <linux/bpf.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>

#include "case_runner.h"
#include "extra_cases.h"
#include "model/decide.h"
#include "packet/dump.h"
#include "shared_rig.h"

using namespace shoal;
using namespace shoal::test;
using cases::PacketCase;

namespace {

const std::vector<PacketCase>& cases_once() {
    static const std::vector<PacketCase> all = [] {
        std::vector<PacketCase> cases = cases::all_packet_cases();
        for (PacketCase& c : extra_packet_cases()) cases.push_back(std::move(c));
        return cases;
    }();
    return all;
}

bool sends(std::uint32_t action) { return action == XDP_TX || action == XDP_REDIRECT; }

}  // namespace

TEST_CASE("every packet case gets the prescribed decision from the real program", "[cases]") {
    XdpRig& rig = shared_rig();
    for (const PacketCase& c : cases_once()) {
        DYNAMIC_SECTION(c.name) {
            const PreparedCase p = prepare(rig, c);
            INFO("input:\n" << describe_frame(p.frame) << "\n" << hexdump(p.frame));
            if (p.frame.size() < 14) {
                // BPF_PROG_TEST_RUN refuses frames shorter than an Ethernet header (EINVAL),
                // as no driver hands XDP one; §1.1's runt rule is the model's alone.
                WARN("not runnable in the kernel: " << p.frame.size() << "-byte frame");
                try {
                    rig.run(p.frame, p.ingress_ifindex);
                    FAIL("the kernel ran a frame shorter than an Ethernet header");
                } catch (const TestRunRefused& e) {
                    CHECK(e.error() == EINVAL);
                }
                continue;
            }
            const Observation o = observe(rig, p);
            INFO("output:\n" << describe_frame(o.run.output));
            CHECK(model::action_name(o.run.action) == model::action_name(p.expect.action));
            const StatsDelta want = expected_delta(p);
            INFO("counters expected: " << want.describe());
            INFO("counters moved:    " << o.delta.describe());
            CHECK(o.delta == want);
            if (p.expect.output && p.expect.action != XDP_DROP) {
                INFO(explain_difference(*p.expect.output, o.run.output));
                CHECK((o.run.output == *p.expect.output));
            }
        }
    }
}

TEST_CASE("frames the program sends leave through the expected interface, byte for byte",
          "[cases][egress]") {
    XdpRig& rig = shared_rig();
    for (const PacketCase& c : cases_once()) {
        if (!sends(c.expect.action)) continue;
        DYNAMIC_SECTION(c.name) {
            const PreparedCase p = prepare(rig, c);
            REQUIRE(p.expect.output);
            const std::uint32_t want =
                c.expect.action == XDP_TX ? p.ingress_ifindex : c.expect.redirect_ifindex;
            const auto egress =
                rig.egress().send_live(rig.runner(), p.frame, p.ingress_ifindex, *p.expect.output);
            INFO("expected out of ifindex " << want << ":\n" << describe_frame(*p.expect.output));
            REQUIRE(egress);
            CHECK(egress->ifindex == want);
            // Exactly one copy went out.
            CHECK_FALSE(
                rig.egress().arrives_anywhere(*p.expect.output, std::chrono::milliseconds(50)));
        }
    }
}

TEST_CASE("the model gives the extra packet cases the same decisions", "[cases][model]") {
    for (const PacketCase& c : extra_packet_cases()) {
        DYNAMIC_SECTION(c.name) {
            cases::World w = cases::base_world();
            if (c.tweak) c.tweak(w);
            const model::Decision d =
                model::decide(c.frame, c.ingress_ifindex, w.state, w.fib, w.sockets);
            INFO("decision: " << model::describe(d));
            CHECK(model::stat_name(d.verdict) == model::stat_name(c.expect.verdict));
            CHECK(model::action_name(d.action) == model::action_name(c.expect.action));
            CHECK(d.stats_row == c.expect.row);
            CHECK(d.decap_counted == c.expect.decap);
            CHECK(d.auth_event == c.expect.auth_event);
            CHECK(d.srv_target == c.expect.srv_target);
            if (c.expect.output && c.expect.action != XDP_DROP) {
                INFO(explain_difference(*c.expect.output, d.frame));
                CHECK((d.frame == *c.expect.output));
            }
        }
    }
}
