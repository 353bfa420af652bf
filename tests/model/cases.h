// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shoal_abi.h"
#include "world.h"

// Table-driven packet cases for docs/dataplane.md: {name, input frame, world changes, expected
// decision}. They depend only on the model's public types and the packet builder, so the BPF
// tests can run the same cases against the real program.
namespace shoal::cases {

struct Expected {
    std::uint32_t action = 0;  // XDP_*
    shoal_stat verdict = SHOAL_STAT_PASS_NOT_IP;
    std::uint32_t row = SHOAL_STATS_ROW_NONE;
    bool decap = false;
    std::optional<shoal_stat> auth_event;     // GUE_AUTH_MISSING or _BAD, counted in row NONE
    std::uint32_t redirect_ifindex = 0;       // XDP_REDIRECT only
    std::optional<std::uint16_t> srv_target;  // TX/REDIRECT only
    std::optional<Bytes> output;              // nullopt for DROP (unspecified)
};

struct PacketCase {
    std::string name;  // what the case checks
    Bytes frame;
    Expected expect;
    std::function<void(World&)> tweak;  // changes to base_world() for this case; may be empty
    std::uint32_t ingress_ifindex = kIngressIfindex;
    // The verdict needs bpf_tcp_check_syncookie to accept the ACK: against the real kernel the
    // frame's ACK number must be replaced by a cookie the listener issued.
    bool needs_valid_syncookie = false;
};

// Case constructors.
PacketCase pass_case(std::string name, Bytes frame, shoal_stat verdict);
PacketCase keep_case(std::string name, Bytes frame, shoal_stat verdict, std::uint32_t row,
                     std::optional<Bytes> output = std::nullopt, bool decap = false);
PacketCase drop_case(std::string name, Bytes frame, shoal_stat verdict, std::uint32_t row);
PacketCase tweaked(PacketCase c, std::function<void(World&)> tweak);
PacketCase with_valid_syncookie(PacketCase c);
PacketCase forward_case(std::string name, Bytes frame, shoal_stat verdict, std::uint32_t row,
                        const EncapSpec& encap, bool decap = false);
// The case also counts SHOAL_STAT_DECAP (a drop after decapsulation).
PacketCase decap_counted(PacketCase c);

// The IP packet of a frame: what follows its l2_len bytes of Ethernet (and tag).
Bytes ip_packet(const Bytes& frame, std::size_t l2_len = 14);

// The cases of every group, in order.
std::vector<PacketCase> joined(std::initializer_list<std::vector<PacketCase> (*)()> groups);
// XDP_TX of the ICMP answer `answer` (docs/dataplane.md §9), counted ICMP_TOO_BIG_SENT.
PacketCase icmp_answer_case(std::string name, Bytes frame, std::uint32_t row, Bytes answer,
                            bool decap = false);
PacketCase with_auth_event(PacketCase c, shoal_stat event);

// The groups, by section of docs/dataplane.md, and all of them.
std::vector<PacketCase> parse_cases();     // §1
std::vector<PacketCase> classify_cases();  // §3, ICMP steering
std::vector<PacketCase> bucket_cases();    // §4, §5
std::vector<PacketCase> encap_cases();     // §6, §7
std::vector<PacketCase> gue_cases();       // §2
std::vector<PacketCase> safety_cases();    // the safety invariants: ICMP, hop lists, TTL, bounds
std::vector<PacketCase> fragment_ecn_cases();  // §1.4 fragments, RFC 6040, shoal_tx_ports
std::vector<PacketCase> gue_auth_cases();  // §8
std::vector<PacketCase> too_big_cases();   // §9
std::vector<PacketCase> all_packet_cases();

}  // namespace shoal::cases
