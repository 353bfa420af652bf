// SPDX-License-Identifier: MIT
#include "case_runner.h"

#include <stdexcept>

namespace shoal::test {

std::optional<std::string> unsupported_world(const XdpRig& rig, const cases::World& world) {
    const cases::World& real = rig.world();
    if (world.fib.routes().size() != real.fib.routes().size())
        return "the case changes the FIB, which the rig builds once";
    for (auto a = world.fib.routes().begin(), b = real.fib.routes().begin();
         a != world.fib.routes().end(); ++a, ++b) {
        const auto& [ra, rb] = std::pair(a->second, b->second);
        if (a->first != b->first || ra.ifindex != rb.ifindex || ra.smac != rb.smac ||
            ra.dmac != rb.dmac || ra.mtu != rb.mtu || ra.neighbour != rb.neighbour)
            return "the case changes the FIB, which the rig builds once";
    }
    const auto& s = world.sockets;
    const auto& r = real.sockets;
    if (s.tcp_established() != r.tcp_established() || s.tcp_listeners() != r.tcp_listeners() ||
        s.valid_syncookies() != r.valid_syncookies() ||
        s.udp_connected_sockets() != r.udp_connected_sockets())
        return "the case changes the sockets, which the rig opens once";
    return std::nullopt;
}

PreparedCase prepare(XdpRig& rig, const cases::PacketCase& c) {
    PreparedCase p{c.frame, c.expect, c.ingress_ifindex, cases::base_world()};
    if (c.tweak) c.tweak(p.world);
    if (const auto why = unsupported_world(rig, p.world))
        throw std::invalid_argument(c.name + ": " + *why);
    rig.apply(p.world.state);
    if (!c.needs_valid_syncookie) return p;
    for (const model::SocketTuple& tuple : p.world.sockets.valid_syncookies()) {
        if (!tcp_header_of(p.frame, tuple)) continue;
        const IssuedCookie cookie = rig.issue_cookie(tuple);
        carry_cookie(p.frame, cookie);
        if (p.expect.output) carry_cookie(*p.expect.output, cookie);
        return p;
    }
    throw std::invalid_argument(c.name +
                                ": needs a SYN cookie but carries no flow the world "
                                "has a listener for");
}

StatsDelta expected_delta(const PreparedCase& p) {
    StatsDelta d;
    std::vector<ServerChange> servers;
    if (p.expect.srv_target)
        servers.push_back({*p.expect.srv_target, 1, p.expect.output ? p.expect.output->size() : 0});
    add_expected(d, p.expect.row, p.expect.verdict, p.expect.decap, p.frame.size(), servers);
    if (p.expect.auth_event)
        add_event(d, SHOAL_STATS_ROW_NONE, *p.expect.auth_event, p.frame.size());
    return d;
}

Observation observe(const XdpRig& rig, const PreparedCase& p) {
    const StatsSnapshot before = rig.stats();
    Observation o{rig.run(p.frame, p.ingress_ifindex), {}};
    o.delta = stats_delta(before, rig.stats());
    return o;
}

}  // namespace shoal::test
