// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

#include "model/flow.h"
#include "model/parse.h"
#include "model/state.h"

// docs/dataplane.md §3: which service, if any, a parsed packet is for, and its flow.
namespace shoal::model {

constexpr std::uint8_t kTcpFin = 0x01;
constexpr std::uint8_t kTcpSyn = 0x02;
constexpr std::uint8_t kTcpRst = 0x04;
constexpr std::uint8_t kTcpAck = 0x10;

struct Classification {
    enum class Kind {
        service,
        not_service,
        bad_l4,  // an ICMP error whose quoted packet lacks what §3 needs
    };
    Kind kind = Kind::not_service;
    shoal_service service{};
    Flow flow;
    bool icmp_carried = false;   // an ICMP error addressed to the VIP, quoting a flow's packet
    bool fragment = false;       // an IP fragment: the flow has no ports
    std::uint8_t tcp_flags = 0;  // of the packet's own TCP header; 0 when ICMP-carried

    // TCP SYN without ACK, not ICMP-carried: a new connection.
    bool is_syn() const noexcept {
        return !icmp_carried && flow.proto == 6 && (tcp_flags & (kTcpSyn | kTcpAck)) == kTcpSyn;
    }
};

// The packet must have passed parse_ip and check_l4.
Classification classify(std::span<const std::uint8_t> frame, const IpHeader& ip,
                        const DataplaneState& state);
// §1.4: a fragment (parse_ip said fragment), by its {VIP, protocol} fragment entry: service or
// not_service, the flow {src, dst, proto} without ports.
Classification classify_fragment(const IpHeader& ip, const DataplaneState& state);

}  // namespace shoal::model
