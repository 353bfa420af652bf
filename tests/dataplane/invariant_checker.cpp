// SPDX-License-Identifier: MIT
#include "invariant_checker.h"

#include <linux/bpf.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "model/bucket.h"
#include "model/gue_auth.h"

namespace shoal::test {
namespace {

using view::Frame;

std::uint8_t family_flag(int family) {
    return family == 4 ? SHOAL_SERVER_HAS_V4 : SHOAL_SERVER_HAS_V6;
}

view::Addr addr_of(const std::uint8_t* bytes, int family) {
    view::Addr a{};
    std::memcpy(a.data(), bytes, family == 4 ? 4 : 16);
    return a;
}

std::string text(int family, const view::Addr& a) { return view::addr_text(family, a); }

void apply(FrameVerdict& v, const std::string& property) { v.applied.insert(property); }

void fail(FrameVerdict& v, const std::string& property, const std::string& why) {
    v.applied.insert(property);
    v.broken.emplace(property, why);
}

// RFC 6040 normal mode, written out again: the inner ECN after decapsulation, or -1 (drop).
int rfc6040(int outer, int inner) {
    if (outer == 3) return inner == 0 ? -1 : 3;
    if (outer == 1 && inner == 2) return 1;
    return inner;
}

bool ipv4_header_valid(Frame f, std::size_t off) {
    const std::size_t len = (f[off] & 0x0Fu) * 4;
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < len; i += 2) sum += view::be16(f, off + i);
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    return sum == 0xFFFF;
}

// Whether `out` is the packet `in` with at most its ECN bits (and then the IPv4 header checksum)
// changed; returns the ECN it had and has, or why not.
struct EcnChange {
    int before = 0, after = 0;
    std::string mismatch;  // empty: the same packet
};

EcnChange compare_but_ecn(Frame in_frame, const view::Ip& in, Frame out_frame,
                          const view::Ip& out) {
    EcnChange c;
    c.before = in.tos & 3;
    c.after = out.tos & 3;
    if (in.len != out.len) {
        c.mismatch =
            "length " + std::to_string(out.len) + ", came in with " + std::to_string(in.len);
        return c;
    }
    for (std::size_t i = 0; i < in.len; ++i) {
        std::uint8_t a = in_frame[in.off + i], b = out_frame[out.off + i];
        if (in.family == 4 && (i == 10 || i == 11)) continue;  // checked below
        if (in.family == 4 && i == 1) a &= ~3, b &= ~3;
        if (in.family == 6 && i == 1) a &= ~0x30, b &= ~0x30;
        if (a != b) {
            c.mismatch = "byte " + std::to_string(i) + " of the inner packet changed";
            return c;
        }
    }
    if (in.family == 4 && ipv4_header_valid(in_frame, in.off) &&
        !ipv4_header_valid(out_frame, out.off))
        c.mismatch = "IPv4 header checksum broken";
    else if (in.family == 4 && c.before == c.after &&
             view::be16(in_frame, in.off + 10) != view::be16(out_frame, out.off + 10))
        c.mismatch = "IPv4 header checksum changed";
    return c;
}

}  // namespace

struct InvariantChecker::Input {
    Frame frame;
    std::optional<view::Ip> ip;
    std::optional<view::Gue> gue;         // GUE to this server's DIP and the GUE port
    std::optional<view::Ip> inner;        // its inner packet, when it parses
    std::optional<std::uint32_t> sender;  // the member that sent it
};

FrameVerdict InvariantChecker::check(Frame input, std::uint32_t action, Frame output) const {
    FrameVerdict v;
    Input in;
    in.frame = input;
    in.ip = view::ip_of_frame(input);
    if (in.ip && !in.ip->fragment && in.ip->proto == IPPROTO_UDP) {
        const auto g = view::gue_of_frame(input);
        if (g && g->dport == ntohs(state_.config.gue_port) &&
            is_self_dip(g->outer.family, g->outer.dst)) {
            in.gue = g;
            in.inner = view::ip_at(input, g->inner_off);
            const auto m = state_.members.find(model::make_member_key(
                g->outer.family == 4 ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6, g->outer.src));
            if (m != state_.members.end()) in.sender = m->second.server_index;
        }
    }
    const bool unchanged = std::equal(input.begin(), input.end(), output.begin(), output.end());
    const bool sent_out = action == XDP_TX || action == XDP_REDIRECT;
    check_received_hops(in, sent_out, action == XDP_DROP || (action == XDP_PASS && unchanged), v);
    switch (action) {
        case XDP_TX:
        case XDP_REDIRECT:
            if (is_too_big_answer(in, output))
                apply(v, "1d.too_big_answered_to_source");
            else
                check_forwarded(in, output, v);
            break;
        case XDP_PASS:
            if (!unchanged) check_decap_kept(in, output, v);
            break;
        case XDP_DROP:
            break;
        default:
            fail(v, "0.known_action", "action " + std::to_string(action));
    }
    return v;
}

void InvariantChecker::check_forwarded(const Input& in, Frame out, FrameVerdict& v) const {
    const std::string frame_prop = "2.one_output_frame";
    const std::uint8_t sent_hlen = model::gue_signs(state_.gue_auth) ? 0x03 : 0x01;
    const auto g = view::gue_of_frame(out);
    if (!g) return fail(v, frame_prop, "the output is not IP + UDP + GUE");
    const auto target = server_at(g->outer.family, g->outer.dst);
    const auto inner = view::ip_at(out, g->inner_off);
    if (out.size() != g->outer.end())
        fail(v, frame_prop, std::to_string(out.size() - g->outer.end()) + " bytes after it");
    else if (g->udp_len != g->outer.end() - g->outer.l4)
        fail(v, frame_prop, "UDP length " + std::to_string(g->udp_len) + " short of its packet");
    else if (g->dport != ntohs(state_.config.gue_port) || g->ver_c_hlen != sent_hlen ||
             g->flags != 0)
        fail(v, frame_prop, "not a GUE header Shoal sends");
    else if (!is_self_dip(g->outer.family, g->outer.src))
        fail(v, frame_prop, "outer source " + text(g->outer.family, g->outer.src) + " not ours");
    else if (!target)
        fail(v, frame_prop,
             "outer destination " + text(g->outer.family, g->outer.dst) + " is no server's DIP");
    else if (!inner || inner->end() != g->outer.end())
        fail(v, frame_prop, "the inner packet does not fill the UDP payload");
    else
        apply(v, frame_prop);
    if (!inner) return;

    // Invariant 2: the hop list.
    if (g->hop_count > 1)
        fail(v, "2.hop_list_at_most_one_hop", std::to_string(g->hop_count));
    else
        apply(v, "2.hop_list_at_most_one_hop");
    const std::uint16_t self = state_.config.self_index;
    if (g->hop_count == 1 && g->priv_type == SHOAL_GUE_PRIV_RETURN) {
        if (g->next_hop != self)
            fail(v, "2.hop_list_ticket_names_its_sender", std::to_string(g->next_hop));
        else
            apply(v, "2.hop_list_ticket_names_its_sender");
    } else if (g->hop_count == 1) {
        const auto hop = std::to_string(g->next_hop);
        if (g->next_hop == self)
            fail(v, "2.hop_list_never_names_self", hop);
        else
            apply(v, "2.hop_list_never_names_self");
        if (target && g->next_hop == *target)
            fail(v, "2.hop_list_never_names_target", hop);
        else
            apply(v, "2.hop_list_never_names_target");
        if (in.sender) {
            if (g->next_hop == *in.sender)
                fail(v, "2.hop_list_never_names_sender", hop);
            else
                apply(v, "2.hop_list_never_names_sender");
        }
    }
    if (in.gue && in.gue->priv_type == SHOAL_GUE_PRIV_RETURN) {
        if (g->hop_count != 0)
            fail(v, "2.hop_list_ticket_never_renewed",
                 "a returned packet names " + std::to_string(g->next_hop));
        else
            apply(v, "2.hop_list_ticket_never_renewed");
    }

    // Who forwarded it: after decapsulation always the redirector (§5); from the router, the
    // redirector when the bucket's first hop is this server, else §4 to the first hop.
    bool redirector = in.gue.has_value();
    if (!in.gue && in.ip) {
        if (const auto bucket = bucket_of(in.frame, *in.ip)) {
            redirector = bucket->first_hop == self;
            const std::uint16_t want = redirector ? bucket->second_hop : bucket->first_hop;
            if (!target || *target != want)
                fail(v, "steer.bucket_hop",
                     "sent to " + (target ? std::to_string(*target) : "?") + ", the bucket names " +
                         std::to_string(want));
            else
                apply(v, "steer.bucket_hop");
        } else {
            fail(v, "steer.bucket_hop", "forwarded, but it has no bucket");
        }
    }
    if (redirector) {
        if (inner->ttl <= 1)
            fail(v, "3.redirector_ttl_above_1", "TTL " + std::to_string(inner->ttl));
        else
            apply(v, "3.redirector_ttl_above_1");
    }
    check_inner(in, out, *inner, true, v);
}

// Invariant 2 on receipt: a hop list naming its sender or this server reads as empty (an older
// sender's round trip), so the packet is never sent on; a return ticket not naming its sender is
// dropped (or left to the kernel as it came), never acted upon.
void InvariantChecker::check_received_hops(const Input& in, bool sent_out, bool untouched,
                                           FrameVerdict& v) const {
    if (!in.gue || !in.sender || in.gue->hop_count != 1) return;
    const view::Gue& g = *in.gue;
    const auto judge = [&](const std::string& property, bool ok, const std::string& what) {
        if (ok)
            apply(v, property);
        else
            fail(v, property, what);
    };
    if (g.priv_type == SHOAL_GUE_PRIV_HOPS && g.next_hop == *in.sender)
        judge("2.hop_list_never_names_sender", !sent_out, "a hop list naming its sender was sent on");
    else if (g.priv_type == SHOAL_GUE_PRIV_HOPS && g.next_hop == state_.config.self_index)
        judge("2.hop_list_never_names_self", !sent_out, "a hop list naming this server was sent on");
    else if (g.priv_type == SHOAL_GUE_PRIV_RETURN && g.next_hop != *in.sender)
        judge("2.hop_list_ticket_names_its_sender", untouched,
              "a ticket not naming its sender was acted upon");
}

// §9: an ICMP too-big error sent back where the packet came from, from the address it was sent
// to, quoting it: the one output that is not GUE.
bool InvariantChecker::is_too_big_answer(const Input& in, Frame out) const {
    const auto packet = in.inner ? in.inner : in.ip;
    const auto answer = view::ip_of_frame(out);
    if (!packet || !answer || !view::is_icmp_error(out, *answer)) return false;
    const auto q = view::icmp_quote(out, *answer);
    return q && answer->src == packet->dst && answer->dst == packet->src && q->src == packet->src &&
           q->dst == packet->dst;
}

void InvariantChecker::check_decap_kept(const Input& in, Frame out, FrameVerdict& v) const {
    const auto inner = view::ip_of_frame(out);
    if (!in.gue) return fail(v, "1c.gue_from_member_to_self", "changed, but not GUE to this DIP");
    if (!inner) return fail(v, "3.decap_kept_only_for_vip", "kept something that is not IP");
    check_inner(in, out, *inner, false, v);
}

void InvariantChecker::check_inner(const Input& in, Frame out, const view::Ip& inner,
                                   bool forwarded, FrameVerdict& v) const {
    if (const auto why = not_for_vip(out, inner, forwarded, v))
        v.broken.emplace(forwarded ? "1.forwarded_for_vip" : "3.decap_kept_only_for_vip", *why);
    if (!inner.fragment && (inner.proto == IPPROTO_TCP || inner.proto == IPPROTO_UDP)) {
        if (const auto why = view::malformed_l4(out, inner))
            fail(v, "4.forwarded_l4_well_formed", *why);
        else
            apply(v, "4.forwarded_l4_well_formed");
    }
    if (!in.gue) {  // from the router: sent on as it came
        if (!in.ip) return fail(v, "4.inner_unchanged", "forwarded a frame that is not IP");
        const EcnChange c = compare_but_ecn(in.frame, *in.ip, out, inner);
        if (!c.mismatch.empty())
            fail(v, "4.inner_unchanged", c.mismatch);
        else if (c.before != c.after)
            fail(v, "4.inner_unchanged", "ECN changed");
        else
            apply(v, "4.inner_unchanged");
        return;
    }
    const view::Gue& g = *in.gue;
    if (!in.sender)
        fail(v, "1c.gue_from_member_to_self",
             "outer source " + text(g.outer.family, g.outer.src) + " is not a member");
    else
        apply(v, "1c.gue_from_member_to_self");
    if (g.udp_len != g.outer.end() - g.outer.l4)
        fail(v, "4.inner_bounded_by_outer",
             "UDP length " + std::to_string(g.udp_len) + ", IP payload " +
                 std::to_string(g.outer.end() - g.outer.l4));
    else if (!in.inner || in.inner->end() != g.outer.end())
        fail(v, "4.inner_bounded_by_outer", "the inner packet does not end with the outer one");
    else
        apply(v, "4.inner_bounded_by_outer");
    if (!in.inner) return;
    const EcnChange c = compare_but_ecn(in.frame, *in.inner, out, inner);
    const int want = rfc6040(g.outer.tos & 3, c.before);
    if (!c.mismatch.empty())
        fail(v, "4.inner_unchanged", c.mismatch);
    else if (want < 0)
        fail(v, "4.inner_unchanged", "outer CE over a Not-ECT packet not dropped");
    else if (c.after != want)
        fail(v, "4.inner_unchanged",
             "ECN " + std::to_string(c.after) + ", RFC 6040 gives " + std::to_string(want));
    else
        apply(v, "4.inner_unchanged");
}

std::optional<std::string> InvariantChecker::not_for_vip(Frame f, const view::Ip& ip,
                                                         bool forwarded, FrameVerdict& v) const {
    const std::string prop = forwarded ? "1.forwarded_for_vip" : "3.decap_kept_only_for_vip";
    const std::string to = text(ip.family, ip.dst) + "/" + std::to_string(ip.proto);
    apply(v, prop);
    if (ip.fragment) {
        const shoal_service* s = fragment_service(ip.family, ip.dst, ip.proto);
        if (!s) return "a fragment to " + to + ", which has no fragment entry";
        if (forwarded && s->hash_mode != SHOAL_HASH_SRC_ADDR)
            return "a fragment of 4-tuple service " + std::to_string(s->service_id);
        return std::nullopt;
    }
    if (view::is_icmp_error(f, ip)) {
        const std::string icmp = "1b.icmp_error_to_quoting_vip";
        const auto q = view::icmp_quote(f, ip);
        std::string why;
        if (!q)
            why = "an ICMP error to " + to + " whose quote has no ports";
        else if (q->src != ip.dst)
            why = "an ICMP error to " + text(ip.family, ip.dst) + " quoting a packet from " +
                  text(ip.family, q->src);
        else if (!service(ip.family, q->src, q->proto, q->sport))
            why = "an ICMP error quoting " + text(ip.family, q->src) + "/" +
                  std::to_string(q->proto) + " port " + std::to_string(q->sport) + ", no service";
        if (why.empty()) {
            apply(v, icmp);
            return std::nullopt;
        }
        fail(v, icmp, why);
        return why;
    }
    if (ip.proto != IPPROTO_TCP && ip.proto != IPPROTO_UDP) return "protocol " + to;
    if (ip.l4 + 4 > ip.end()) return "no ports: " + to;
    const std::uint16_t dport = view::be16(f, ip.l4 + 2);
    if (!service(ip.family, ip.dst, ip.proto, dport))
        return to + " port " + std::to_string(dport) + " is no service";
    return std::nullopt;
}

const shoal_service* InvariantChecker::service(int family, const view::Addr& addr,
                                               std::uint8_t proto, std::uint16_t port) const {
    const std::uint8_t fam = family == 4 ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
    for (const std::uint16_t p : {port, std::uint16_t{0}}) {
        const auto it = state_.services.find(model::make_service_key(fam, addr, proto, p));
        if (it != state_.services.end()) return &it->second;
    }
    return nullptr;
}

const shoal_service* InvariantChecker::fragment_service(int family, const view::Addr& addr,
                                                        std::uint8_t proto) const {
    shoal_service_key key = model::make_service_key(
        family == 4 ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6, addr, proto, 0);
    key.family |= SHOAL_FAMILY_FRAGMENTS;
    const auto it = state_.services.find(key);
    return it == state_.services.end() ? nullptr : &it->second;
}

std::optional<shoal_bucket> InvariantChecker::bucket_of(Frame f, const view::Ip& ip) const {
    const std::uint8_t fam = ip.family == 4 ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
    const shoal_service* s = nullptr;
    model::Flow flow{fam, ip.proto, ip.src, ip.dst, 0, 0};
    if (ip.fragment) {
        s = fragment_service(ip.family, ip.dst, ip.proto);
    } else if (const auto q = view::icmp_quote(f, ip)) {  // the quoted packet, reversed
        s = service(ip.family, q->src, q->proto, q->sport);
        flow = {fam, q->proto, q->dst, q->src, q->dport, q->sport};
    } else if ((ip.proto == IPPROTO_TCP || ip.proto == IPPROTO_UDP) && ip.l4 + 4 <= ip.end()) {
        flow.sport = view::be16(f, ip.l4);
        flow.dport = view::be16(f, ip.l4 + 2);
        s = service(ip.family, ip.dst, ip.proto, flow.dport);
    }
    if (!s) return std::nullopt;
    return model::lookup_bucket(state_, *s, model::flow_hash(state_.config, flow, s->hash_mode));
}

std::optional<std::uint16_t> InvariantChecker::server_at(int family, const view::Addr& dip) const {
    for (const auto& [index, server] : state_.servers) {
        if (!(server.flags & family_flag(family))) continue;
        const auto a = family == 4 ? addr_of(reinterpret_cast<const std::uint8_t*>(&server.dip4), 4)
                                   : addr_of(server.dip6, 6);
        if (a == dip) return static_cast<std::uint16_t>(index);
    }
    return std::nullopt;
}

bool InvariantChecker::is_self_dip(int family, const view::Addr& addr) const {
    const shoal_config& c = state_.config;
    if (!(c.flags & family_flag(family))) return false;
    return addr == (family == 4 ? addr_of(reinterpret_cast<const std::uint8_t*>(&c.self_dip4), 4)
                                : addr_of(c.self_dip6, 6));
}

}  // namespace shoal::test
