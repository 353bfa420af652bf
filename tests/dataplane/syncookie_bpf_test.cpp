// SPDX-License-Identifier: MIT
// SYN cookies the kernel really issued, against bpf_tcp_check_syncookie in the program: the
// rule the differential test's IssuedCookieSockets applies for the model.
#include <linux/bpf.h>

#include <catch2/catch.hpp>

#include "case_runner.h"
#include "model/decision.h"
#include "packet/dump.h"
#include "shared_rig.h"

using namespace shoal;
using namespace shoal::test;

namespace {

struct CookieFlow {
    const char* name;
    cases::Service service;
};

// The world's flow with a listener and no established socket: client port kSyncookiePort.
model::SocketTuple cookie_tuple(const XdpRig& rig, cases::Service s) {
    const IpAddr v = cases::vip(s);
    for (const model::SocketTuple& t : rig.world().sockets.valid_syncookies())
        if (t.local == v.bytes) return t;
    FAIL("the world has no SYN-cookie flow to " << v.str());
    return {};
}

Bytes ack_to(cases::Service s, std::uint32_t seq, std::uint32_t ack) {
    const IpAddr v = cases::vip(s);
    Packet p = v.is_v4() ? cases::from_client4(v) : cases::from_client6(v);
    return p.tcp(cases::kSyncookiePort, 80).seq(seq).ack_number(ack).payload("GET /").build();
}

shoal_stat verdict_of(const XdpRig& rig, const Bytes& frame, std::uint32_t row) {
    const StatsSnapshot before = rig.stats();
    const XdpRun run = rig.run(frame);
    const StatsDelta delta = stats_delta(before, rig.stats());
    INFO("counters moved: " << delta.describe());
    REQUIRE(!delta.counters.empty());
    CHECK(delta.counters.front().row == row);
    return delta.counters.front().stat;
}

}  // namespace

TEST_CASE("the kernel keeps exactly the ACKs IssuedCookie::accepts", "[syncookie]") {
    XdpRig& rig = shared_rig();
    rig.apply(rig.world().state);
    for (const CookieFlow flow :
         {CookieFlow{"IPv4", cases::kDrainTcp4}, CookieFlow{"IPv6", cases::kDrainTcp6}}) {
        DYNAMIC_SECTION(flow.name) {
            const IssuedCookie c = rig.issue_cookie(cookie_tuple(rig, flow.service), 0x12345678);
            INFO("isn " << c.isn << " cookie " << c.cookie << " mss index " << c.mss_index);
            CHECK(verdict_of(rig, ack_to(flow.service, c.ack_seq(), c.ack_number()),
                             flow.service) == SHOAL_STAT_KEEP_SYNCOOKIE);
            // The check subtracts seq from ack, then allows the 4 MSS indexes: ack - seq off by
            // d is accepted for -mss_index <= d <= 3 - mss_index, whichever number moves.
            for (int d = -c.mss_index - 2; d <= 5 - c.mss_index; ++d) {
                const bool accepted = c.accepts(c.ack_seq(), c.ack_number() + d);
                CHECK(accepted == (d >= -c.mss_index && d <= 3 - c.mss_index));
                const shoal_stat want =
                    accepted ? SHOAL_STAT_KEEP_SYNCOOKIE : SHOAL_STAT_FORWARD_SECOND_HOP;
                INFO("ack - seq off by " << d);
                CHECK(verdict_of(rig, ack_to(flow.service, c.ack_seq(), c.ack_number() + d),
                                 flow.service) == want);
                CHECK(verdict_of(rig, ack_to(flow.service, c.ack_seq() - d, c.ack_number()),
                                 flow.service) == want);
                CHECK(verdict_of(
                          rig, ack_to(flow.service, c.ack_seq() + 7777, c.ack_number() + 7777 + d),
                          flow.service) == want);
            }
        }
    }
}

TEST_CASE("a cookie is tied to its flow: another client port with the same numbers is not kept",
          "[syncookie]") {
    XdpRig& rig = shared_rig();
    rig.apply(rig.world().state);
    const IssuedCookie c = rig.issue_cookie(cookie_tuple(rig, cases::kDrainTcp4));
    const Bytes other_port = cases::from_client4(cases::vip(cases::kDrainTcp4))
                                 .tcp(cases::kSyncookiePort + 100, 80)
                                 .seq(c.ack_seq())
                                 .ack_number(c.ack_number())
                                 .build();
    CHECK(verdict_of(rig, other_port, cases::kDrainTcp4) == SHOAL_STAT_FORWARD_SECOND_HOP);
}
