// SPDX-License-Identifier: MIT
// Runs every case of the shared tables through the model.
#include <linux/bpf.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "cases.h"
#include "model/decide.h"
#include "packet/dump.h"
#include "packet/verify.h"

using namespace shoal;
using namespace shoal::cases;

namespace {

const std::vector<PacketCase>& cases_once() {
    static const std::vector<PacketCase> all = all_packet_cases();
    return all;
}

model::Decision run(const PacketCase& c) {
    World w = base_world();
    if (c.tweak) c.tweak(w);
    return model::decide(c.frame, c.ingress_ifindex, w.state, w.fib, w.sockets);
}

}  // namespace

TEST_CASE("every packet case gets the decision docs/dataplane.md prescribes", "[model][cases]") {
    for (const PacketCase& c : cases_once()) {
        DYNAMIC_SECTION(c.name) {
            const model::Decision d = run(c);
            INFO("input:\n" << test::describe_frame(c.frame));
            INFO("decision: " << model::describe(d));
            CHECK(model::stat_name(d.verdict) == model::stat_name(c.expect.verdict));
            CHECK(model::action_name(d.action) == model::action_name(c.expect.action));
            CHECK(d.stats_row == c.expect.row);
            CHECK(d.decap_counted == c.expect.decap);
            CHECK(d.auth_event == c.expect.auth_event);
            CHECK(d.redirect_ifindex == c.expect.redirect_ifindex);
            CHECK(d.srv_target == c.expect.srv_target);
            CHECK(d.stats_bytes == c.frame.size());
            if (d.srv_target) CHECK(d.srv_bytes == d.frame.size());
            if (c.expect.output) {
                INFO(test::explain_difference(*c.expect.output, d.frame));
                CHECK((d.frame == *c.expect.output));  // the message above shows the bytes
            }
        }
    }
}

TEST_CASE("exactly the cases kept by a SYN cookie are flagged as needing one", "[model][cases]") {
    for (const PacketCase& c : cases_once()) {
        const model::Decision d = run(c);
        const bool by_cookie = d.verdict == SHOAL_STAT_KEEP_SYNCOOKIE ||
                               (d.verdict == SHOAL_STAT_KEEP_SECOND_HOP_OWNED &&
                                c.name.find("SYN cookie") != std::string::npos);
        INFO(c.name);
        CHECK(c.needs_valid_syncookie == by_cookie);
    }
}

TEST_CASE("packet case names are unique", "[model][cases]") {
    std::set<std::string> names;
    for (const PacketCase& c : cases_once()) {
        INFO(c.name);
        CHECK(names.insert(c.name).second);
    }
}

TEST_CASE("packet cases reach every verdict the model can produce", "[model][cases]") {
    std::map<shoal_stat, int> count;
    for (const PacketCase& c : cases_once()) ++count[c.expect.verdict];
    for (int s = 0; s < SHOAL_STAT_MAX; ++s) {
        const auto stat = static_cast<shoal_stat>(s);
        // Events are not verdicts; the model never runs out of headroom.
        if (shoal_stat_is_event(stat) || stat == SHOAL_STAT_DROP_NO_HEADROOM) continue;
        INFO(model::stat_name(stat));
        CHECK(count[stat] >= 1);
    }
    CHECK(cases_once().size() >= 150);
}

TEST_CASE("encapsulated outputs carry valid outer and inner checksums over the real bytes",
          "[model][cases][checksum]") {
    for (const PacketCase& c : cases_once()) {
        if (c.expect.action != XDP_TX && c.expect.action != XDP_REDIRECT) continue;
        if (c.expect.verdict == SHOAL_STAT_ICMP_TOO_BIG_SENT) continue;  // no GUE: its own test
        DYNAMIC_SECTION(c.name) {
            const model::Decision d = run(c);
            INFO(test::describe_frame(d.frame));
            const auto outer = test::find_ip_header(d.frame);
            REQUIRE(outer);
            const std::size_t gue = *outer + (d.frame[*outer] >> 4 == 4 ? 20 : 40) + 8;
            const std::size_t inner = gue + 4 + (d.frame[gue] & 0x1F) * 4u;  // hlen 1 or 3
            if (d.frame[*outer] >> 4 == 4) CHECK(test::ipv4_header_checksum_valid(d.frame, *outer));
            // §7, for both outer families: valid over the real bytes whenever the inner
            // checksums are, 0 where the offload formula cannot know the inner sum.
            const auto outer_check = test::verify_l4_checksum(d.frame, *outer);
            INFO(outer_check.detail);
            const auto inner_check = test::verify_l4_checksum(d.frame, inner);
            const bool inner_ext = d.frame[inner] >> 4 == 6 && d.frame[inner + 6] != 6 &&
                                   d.frame[inner + 6] != 17 && d.frame[inner + 6] != 58;
            const bool inner_fragment =
                d.frame[inner] >> 4 == 4 && (d.frame[inner + 6] & 0x3F) + d.frame[inner + 7] != 0;
            const bool lco_possible = inner_check.verdict == test::ChecksumVerdict::valid &&
                                      !inner_ext && !inner_fragment;
            CHECK(outer_check.verdict ==
                  (lco_possible ? test::ChecksumVerdict::valid : test::ChecksumVerdict::absent));
            if (d.frame[inner] >> 4 == 4) CHECK(test::ipv4_header_checksum_valid(d.frame, inner));
        }
    }
}
