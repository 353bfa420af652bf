// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "world.h"

// GUE frames of the test world, shared by the case tables of §2, §8 and §9: what a member sends
// this server, tagged or not, and what decapsulation leaves of it.
namespace shoal::cases {

inline constexpr std::uint16_t kOuterSport = 50123;  // the outer UDP source port of gue_frame

// A GUE frame from a fleet member (server 2 by default) to this server carrying `inner`.
Bytes gue_frame(const Bytes& inner, test::Gue gue = {}, int outer_family = 4,
                std::optional<std::uint16_t> vlan = std::nullopt, const IpAddr* from = nullptr);
// The same with hlen 3 and the tag of docs/dataplane.md §8 under key (gue_seal.h).
Bytes sealed_gue_frame(const Bytes& inner, const GueKey& key, test::Gue gue = {},
                       int outer_family = 4, const IpAddr* from = nullptr);

// The frame after decapsulation: the Ethernet header (and tag) of a gue_frame, then `inner`.
Bytes decapsulated(const Bytes& inner, std::optional<std::uint16_t> vlan = std::nullopt);

// A client's TCP segment (an ACK unless flags say otherwise) or UDP query to a service's VIP.
Bytes inner_tcp(Service s, std::uint16_t client_port, std::uint8_t flags = test::tcp_flags::ACK);
Bytes inner_udp(Service s, std::uint16_t client_port);

}  // namespace shoal::cases
