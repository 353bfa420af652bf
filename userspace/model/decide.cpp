// SPDX-License-Identifier: MIT
#include "model/decide.h"

#include <linux/bpf.h>
#include <netinet/in.h>

#include "model/bucket.h"
#include "model/classify.h"
#include "model/decap.h"
#include "model/ecn.h"
#include "model/encap.h"
#include "model/gue_auth.h"
#include "model/packet.h"
#include "model/parse.h"
#include "model/redirector.h"

namespace shoal::model {
namespace {

struct Context {
    std::uint32_t ingress_ifindex;
    const DataplaneState& state;
    const FibOracle& fib;
    const SocketOracle& sockets;
    const IcmpRateOracle& icmp_rate;
};

void pass(Decision& d, shoal_stat verdict, std::span<const std::uint8_t> frame) {
    d.action = XDP_PASS;
    d.verdict = verdict;
    d.frame.assign(frame.begin(), frame.end());
}

void drop(Decision& d, shoal_stat verdict) {
    d.action = XDP_DROP;
    d.verdict = verdict;
    d.frame.clear();
}

HopList hop_list(std::uint16_t second, std::uint16_t excluded) {
    if (second == SHOAL_NO_SERVER || second == excluded) return {};
    return HopList::of(second);
}

// §5: this server is the current hop.
void redirect(const ServicePacket& packet, const HopList& hops, const Context& ctx, Decision& d) {
    const RedirectorOutcome outcome =
        run_redirector(packet, hops, ctx.state.config.self_index, ctx.sockets);
    if (outcome.keep) return pass(d, *outcome.keep, packet.frame);
    if (outcome.drop) return drop(d, *outcome.drop);
    encapsulate(packet, {outcome.forward_to, outcome.forward_hops, outcome.forward_verdict},
                ctx.ingress_ifindex, ctx.state, ctx.fib, ctx.icmp_rate, d);
}

// §4: the bucket decides who handles the flow. Invariant 2: the hop list never names this
// server nor the first hop it is sent to.
void route_by_bucket(const ServicePacket& packet, const Context& ctx, Decision& d) {
    const auto bucket = lookup_bucket(ctx.state, packet.cls.service, packet.hash);
    if (!bucket) return drop(d, SHOAL_STAT_DROP_NO_TABLE);
    const std::uint16_t self = ctx.state.config.self_index;
    const std::uint16_t first = bucket->first_hop;
    const std::uint16_t second = bucket->second_hop;
    if (first == self) return redirect(packet, hop_list(second, self), ctx, d);
    HopList hops = hop_list(second, first);
    if (second == self) {
        if (!packet.cls.is_syn() && !packet.cls.fragment &&
            local_socket_check(packet, ctx.sockets) != Ownership::none)
            return pass(d, SHOAL_STAT_KEEP_SECOND_HOP_OWNED, packet.frame);
        // Not ours: the first hop keeps it without asking this server again.
        hops = {};
    }
    // A fragment cannot be checked against sockets: the first hop keeps it.
    if (packet.cls.fragment) hops = {};
    encapsulate(packet, {first, hops, SHOAL_STAT_FORWARD_FIRST_HOP}, ctx.ingress_ifindex, ctx.state,
                ctx.fib, ctx.icmp_rate, d);
}

// §1.4: the fragments of a 4-tuple service are passed or dropped, as configured.
void fragment_policy(const ServicePacket& packet, Decision& d) {
    if (packet.cls.service.fragments == SHOAL_FRAGMENTS_DROP)
        return drop(d, SHOAL_STAT_DROP_FRAGMENT);
    pass(d, SHOAL_STAT_PASS_FRAGMENT, packet.frame);
}

bool steers_fragments(const shoal_service& service) {
    return service.hash_mode == SHOAL_HASH_SRC_ADDR;
}

// §2: GUE from a fleet member; every failure before a service is found is a drop in row NONE.
void decide_gue(std::span<const std::uint8_t> frame, const L2Header& l2, const IpHeader& outer,
                const Context& ctx, Decision& d) {
    shoal_stat verdict = SHOAL_STAT_DROP_BAD_GUE;
    const auto gue = check_gue(frame, outer, ctx.state, verdict);
    if (!gue) return drop(d, verdict);

    ServicePacket packet;
    packet.frame = decapsulate(frame, l2, outer, *gue);
    packet.l2 = l2;
    packet.l2.ethertype = gue->inner_ethertype;
    const ParseResult parsed = parse_ip(packet.frame, l2.len, gue->inner_ethertype, packet.ip);
    if (parsed == ParseResult::bad_ip || packet.ip.ip_len != gue->inner_len)
        return drop(d, SHOAL_STAT_DROP_BAD_GUE);
    const bool fragment = parsed == ParseResult::fragment;
    if (!fragment && check_l4(packet.frame, packet.ip) != ParseResult::ok)
        return drop(d, SHOAL_STAT_DROP_MALFORMED);
    // §8: who really sent it?
    d.auth_event = check_gue_tag(ctx.state.gue_auth, frame, outer, packet.frame, packet.ip);
    if (d.auth_event && ctx.state.gue_auth->mode == SHOAL_GUE_AUTH_ENFORCE)
        return drop(d, SHOAL_STAT_DROP_GUE_AUTH);
    packet.cls = fragment ? classify_fragment(packet.ip, ctx.state)
                          : classify(packet.frame, packet.ip, ctx.state);
    switch (packet.cls.kind) {
        case Classification::Kind::bad_l4:
            return drop(d, SHOAL_STAT_DROP_MALFORMED);
        case Classification::Kind::not_service:  // invariant 3
            return drop(d, SHOAL_STAT_DROP_GUE_NOT_SERVICE);
        case Classification::Kind::service:
            break;
    }
    d.stats_row = packet.cls.service.service_id;
    d.decap_counted = true;
    if (!apply_rfc6040(packet.frame, packet.ip, gue->outer_tos))
        return drop(d, SHOAL_STAT_DROP_CE_NOT_ECT);
    if (packet.cls.fragment && !steers_fragments(packet.cls.service))
        return fragment_policy(packet, d);
    packet.hash = flow_hash(ctx.state.config, packet.cls.flow, packet.cls.service.hash_mode);
    redirect(packet, gue->hops, ctx, d);
}

}  // namespace

const IcmpRateOracle& unexhausted_icmp_rate() {
    static const UnexhaustedIcmpRate oracle;
    return oracle;
}

Decision decide(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex,
                const DataplaneState& state, const FibOracle& fib, const SocketOracle& sockets,
                const IcmpRateOracle& icmp_rate) {
    const Context ctx{ingress_ifindex, state, fib, sockets, icmp_rate};
    Decision d;
    d.stats_bytes = frame.size();

    L2Header l2;
    if (parse_l2(frame, l2) != ParseResult::ok) {
        pass(d, SHOAL_STAT_PASS_NOT_IP, frame);
        return d;
    }
    IpHeader ip;
    ServicePacket packet;
    switch (parse_ip(frame, l2.len, l2.ethertype, ip)) {
        case ParseResult::ok:
            break;
        case ParseResult::fragment:
            packet.cls = classify_fragment(ip, state);
            if (packet.cls.kind != Classification::Kind::service) {
                pass(d, SHOAL_STAT_PASS_FRAGMENT, frame);
                return d;
            }
            break;
        default:
            pass(d, SHOAL_STAT_PASS_UNPARSED, frame);
            return d;
    }
    if (!ip.fragment) {
        if (check_l4(frame, ip) != ParseResult::ok) {
            pass(d, SHOAL_STAT_PASS_UNPARSED, frame);
            return d;
        }
        if (is_gue(frame, ip, state.config)) {
            decide_gue(frame, l2, ip, ctx, d);
            return d;
        }
        packet.cls = classify(frame, ip, state);
    }
    switch (packet.cls.kind) {
        case Classification::Kind::bad_l4:
            pass(d, SHOAL_STAT_PASS_UNPARSED, frame);
            return d;
        case Classification::Kind::not_service:
            pass(d, SHOAL_STAT_PASS_NOT_SERVICE, frame);
            return d;
        case Classification::Kind::service:
            break;
    }
    packet.frame.assign(frame.begin(), frame.end());
    packet.l2 = l2;
    packet.ip = ip;
    d.stats_row = packet.cls.service.service_id;
    if (packet.cls.fragment && !steers_fragments(packet.cls.service)) {
        fragment_policy(packet, d);
        return d;
    }
    packet.hash = flow_hash(state.config, packet.cls.flow, packet.cls.service.hash_mode);
    route_by_bucket(packet, ctx, d);
    return d;
}

}  // namespace shoal::model
