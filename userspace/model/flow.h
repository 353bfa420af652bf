// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <compare>
#include <cstdint>

namespace shoal::model {

// An address as the maps store it: 16 bytes, IPv4 in the first 4 and the rest zero.
using Address = std::array<std::uint8_t, 16>;

// The flow a packet belongs to, as the client sent it: src = client, dst = VIP.
// For an ICMP-carried packet this is the quoted tuple reversed (docs/dataplane.md §3).
struct Flow {
    std::uint8_t family = 0;  // SHOAL_FAMILY_IPV4 or SHOAL_FAMILY_IPV6
    std::uint8_t proto = 0;   // IPPROTO_TCP or IPPROTO_UDP
    Address src{};
    Address dst{};
    std::uint16_t sport = 0;  // host order
    std::uint16_t dport = 0;  // host order

    auto operator<=>(const Flow&) const = default;
};

// The tuple of a local socket lookup: remote = the flow's source, local = its destination.
struct SocketTuple {
    std::uint8_t family = 0;
    std::uint8_t proto = 0;
    Address remote{};
    std::uint16_t remote_port = 0;  // host order
    Address local{};
    std::uint16_t local_port = 0;  // host order

    static SocketTuple of(const Flow& flow) {
        return {flow.family, flow.proto, flow.src, flow.sport, flow.dst, flow.dport};
    }
    auto operator<=>(const SocketTuple&) const = default;
};

}  // namespace shoal::model
