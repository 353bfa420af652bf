// SPDX-License-Identifier: MIT
// The fabric MTU check (docs/dataplane.md, "Fabric MTU"). A packet forwarded to another
// server gains an outer IP header, UDP and GUE: 36 bytes over IPv4, 56 over IPv6, 8 more with
// the GUE authentication tag. So the fabric carries a full-size client packet (the edge MTU,
// 1500 by default) only when its MTU is at least edge MTU + that overhead; below it the data
// plane answers such packets with ICMP "too big" and clients lower their path MTU.
//
// Inputs: the attached interfaces, this server's and the fleet's DIP families (they decide the
// outer families in use: an inner packet travels in its own family when both ends have it),
// whether GUE tags are on, the edge MTU. Output: store::FabricMtu, which the agent reports,
// shows in its status and exports as metrics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/fleet_config.h"
#include "store/agent_report.h"

namespace shoal::agent {

inline constexpr std::uint32_t kUdpHeaderBytes = 8;
inline constexpr std::uint32_t kIpv4HeaderBytes = 20;
inline constexpr std::uint32_t kIpv6HeaderBytes = 40;

// Bytes GUE adds to a packet with an IPv4 or an IPv6 outer header (docs/dataplane.md §6.4).
std::uint32_t gue_overhead(bool ipv6_outer, bool auth_tag);

// The larger overhead of the outer families `server` sends with: IPv6 when it and another
// server (or, alone, itself) have an IPv6 DIP, likewise IPv4.
std::uint32_t fleet_gue_overhead(const config::FleetConfig& fleet, const std::string& server, bool auth_tag);

// The MTU of interface `name` in this network namespace (SIOCGIFMTU); nullopt when there is no
// such interface.
std::optional<std::uint32_t> interface_mtu(const std::string& name);

struct MtuInputs {
    std::vector<std::pair<std::string, std::optional<std::uint32_t>>> interfaces;  // name, MTU
    std::uint32_t overhead = 0;
    bool gue_auth = false;
    std::uint32_t edge_mtu = 1500;
};
store::FabricMtu fabric_mtu(const MtuInputs& inputs);

}  // namespace shoal::agent
