// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "model/decision.h"
#include "model/fib_oracle.h"
#include "model/hop_list.h"
#include "model/icmp_rate_oracle.h"
#include "model/packet.h"
#include "model/state.h"

// docs/dataplane.md §6: encapsulate a packet in IP + UDP + GUE to another server.
namespace shoal::model {

struct EncapRequest {
    std::uint16_t target = SHOAL_NO_SERVER;
    HopList hops;                                       // what the GUE header carries
    shoal_stat verdict = SHOAL_STAT_FORWARD_FIRST_HOP;  // counted when it is sent
};

// Sets action, redirect_ifindex, verdict, srv_target, srv_bytes and frame of decision. With
// state.gue_auth on, the GUE header carries the tag of §8; a packet too big for the egress
// MTU is answered with ICMP (§9, icmp_too_big.h).
void encapsulate(const ServicePacket& packet, const EncapRequest& request,
                 std::uint32_t ingress_ifindex, const DataplaneState& state, const FibOracle& fib,
                 const IcmpRateOracle& icmp_rate, Decision& decision);

}  // namespace shoal::model
