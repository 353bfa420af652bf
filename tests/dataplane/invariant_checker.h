// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "model/state.h"
#include "packet_view.h"

namespace shoal::test {

// The safety invariants of docs/dataplane.md, judged on one frame: what came in, the XDP action
// and what went out, against the maps' contents. It decodes the bytes itself (packet_view.h) and
// asks the model only for the flow hash and the bucket. Property names (the keys of
// FrameVerdict) are stable: tests report per property how often it applied and failed.
//
//   1.forwarded_for_vip          a forwarded TCP/UDP packet or fragment is for a VIP of a
//                                service (a fragment: one whose service steers fragments)
//   1b.icmp_error_to_quoting_vip a forwarded or decapsulated-and-kept ICMP error is addressed
//                                to the VIP that sent the packet it quotes
//   1c.gue_from_member_to_self   what is forwarded or kept after decapsulation came in GUE to
//                                this server's DIP from a member
//   2.one_output_frame           a forwarded frame is one GUE packet from this server to a
//                                server's DIP, its lengths exactly its contents
//   2.hop_list_*                 the hop list sent never names this server or the target and
//                                holds at most one hop; a ticket sent names its sender (this
//                                server), and a returned packet is never ticketed again; a hop
//                                list received naming its sender or this server is never sent
//                                on, and a ticket received not naming its sender is dropped
//   1d.too_big_answered_to_source an output that is not GUE is the §9 answer: an ICMP error
//                                from the packet's destination to its source, quoting it
//   3.decap_kept_only_for_vip    a decapsulated packet is kept only if it is for a VIP
//   3.redirector_ttl_above_1     the redirector never forwards TTL / hop limit <= 1
//   4.forwarded_l4_well_formed   forwarded or decapsulated-kept TCP/UDP headers lie in the packet
//   4.inner_bounded_by_outer     the GUE packet's UDP length fills its IP packet and the inner
//                                IP packet fills the rest
//   4.inner_unchanged            the forwarded / kept inner packet is the one that came in, but
//                                for ECN bits set as RFC 6040 says (and the IPv4 checksum)
//   steer.bucket_hop             a packet from the router goes to its bucket's first hop, or
//                                (first hop = this server) to its second hop
// Every property above, for tests that require each to have been exercised.
inline constexpr const char* kInvariantProperties[] = {
    "1.forwarded_for_vip",
    "1b.icmp_error_to_quoting_vip",
    "1c.gue_from_member_to_self",
    "1d.too_big_answered_to_source",
    "2.one_output_frame",
    "2.hop_list_at_most_one_hop",
    "2.hop_list_never_names_self",
    "2.hop_list_never_names_target",
    "2.hop_list_never_names_sender",
    "2.hop_list_ticket_names_its_sender",
    "2.hop_list_ticket_never_renewed",
    "3.decap_kept_only_for_vip",
    "3.redirector_ttl_above_1",
    "4.forwarded_l4_well_formed",
    "4.inner_bounded_by_outer",
    "4.inner_unchanged",
    "steer.bucket_hop",
};

struct FrameVerdict {
    std::set<std::string> applied;              // properties this frame exercised
    std::map<std::string, std::string> broken;  // property -> what was wrong
};

class InvariantChecker {
  public:
    explicit InvariantChecker(const model::DataplaneState& state) : state_(state) {}

    FrameVerdict check(view::Frame input, std::uint32_t action, view::Frame output) const;

  private:
    struct Input;
    void check_forwarded(const Input& in, view::Frame output, FrameVerdict& v) const;
    void check_received_hops(const Input& in, bool sent_out, bool untouched,
                             FrameVerdict& v) const;
    bool is_too_big_answer(const Input& in, view::Frame out) const;
    void check_decap_kept(const Input& in, view::Frame output, FrameVerdict& v) const;
    void check_inner(const Input& in, view::Frame out, const view::Ip& inner, bool forwarded,
                     FrameVerdict& v) const;
    std::optional<std::string> not_for_vip(view::Frame f, const view::Ip& ip, bool forwarded,
                                           FrameVerdict& v) const;
    const shoal_service* service(int family, const view::Addr& addr, std::uint8_t proto,
                                 std::uint16_t port) const;
    const shoal_service* fragment_service(int family, const view::Addr& addr,
                                          std::uint8_t proto) const;
    std::optional<shoal_bucket> bucket_of(view::Frame f, const view::Ip& ip) const;
    std::optional<std::uint16_t> server_at(int family, const view::Addr& dip) const;
    bool is_self_dip(int family, const view::Addr& addr) const;

    const model::DataplaneState& state_;
};

}  // namespace shoal::test
