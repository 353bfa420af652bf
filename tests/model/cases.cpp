// SPDX-License-Identifier: MIT
#include "cases.h"

#include <linux/bpf.h>

namespace shoal::cases {

PacketCase pass_case(std::string name, Bytes frame, shoal_stat verdict) {
    Expected e;
    e.action = XDP_PASS;
    e.verdict = verdict;
    e.output = frame;
    return {std::move(name), std::move(frame), e, {}};
}

PacketCase keep_case(std::string name, Bytes frame, shoal_stat verdict, std::uint32_t row,
                     std::optional<Bytes> output, bool decap) {
    Expected e;
    e.action = XDP_PASS;
    e.verdict = verdict;
    e.row = row;
    e.decap = decap;
    e.output = output ? *output : frame;
    return {std::move(name), std::move(frame), e, {}};
}

PacketCase drop_case(std::string name, Bytes frame, shoal_stat verdict, std::uint32_t row) {
    Expected e;
    e.action = XDP_DROP;
    e.verdict = verdict;
    e.row = row;
    return {std::move(name), std::move(frame), e, {}};
}

PacketCase tweaked(PacketCase c, std::function<void(World&)> tweak) {
    c.tweak = std::move(tweak);
    return c;
}

PacketCase with_valid_syncookie(PacketCase c) {
    c.needs_valid_syncookie = true;
    return c;
}

PacketCase forward_case(std::string name, Bytes frame, shoal_stat verdict, std::uint32_t row,
                        const EncapSpec& encap, bool decap) {
    const World world = base_world();
    const Egress egress = egress_of(world, encap.target, encap.outer_family);
    Expected e;
    e.action = egress.ifindex == kIngressIfindex ? XDP_TX : XDP_REDIRECT;
    e.redirect_ifindex = e.action == XDP_REDIRECT ? egress.ifindex : 0;
    e.verdict = verdict;
    e.row = row;
    e.decap = decap;
    e.srv_target = encap.target;
    e.output = expected_encap(world, encap);
    return {std::move(name), std::move(frame), e, {}};
}

PacketCase icmp_answer_case(std::string name, Bytes frame, std::uint32_t row, Bytes answer,
                            bool decap) {
    Expected e;
    e.action = XDP_TX;
    e.verdict = SHOAL_STAT_ICMP_TOO_BIG_SENT;
    e.row = row;
    e.decap = decap;
    e.output = std::move(answer);
    return {std::move(name), std::move(frame), e, {}};
}

PacketCase with_auth_event(PacketCase c, shoal_stat event) {
    c.expect.auth_event = event;
    return c;
}

PacketCase decap_counted(PacketCase c) {
    c.expect.decap = true;
    return c;
}

Bytes ip_packet(const Bytes& frame, std::size_t l2_len) {
    return Bytes(frame.begin() + static_cast<long>(l2_len), frame.end());
}

std::vector<PacketCase> joined(std::initializer_list<std::vector<PacketCase> (*)()> groups) {
    std::vector<PacketCase> all;
    for (auto group : groups) {
        auto cases = group();
        all.insert(all.end(), std::make_move_iterator(cases.begin()),
                   std::make_move_iterator(cases.end()));
    }
    return all;
}

std::vector<PacketCase> all_packet_cases() {
    return joined({parse_cases, classify_cases, bucket_cases, encap_cases, gue_cases, safety_cases,
                   fragment_ecn_cases, gue_auth_cases, too_big_cases});
}

}  // namespace shoal::cases
