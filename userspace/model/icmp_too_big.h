// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/decision.h"
#include "model/icmp_rate_oracle.h"
#include "model/packet.h"
#include "shoal_abi.h"

// docs/dataplane.md §9: a packet too big for the egress MTU once encapsulated is answered
// with ICMP "fragmentation needed" / ICMPv6 "packet too big" from the VIP, back out of the
// ingress interface.
namespace shoal::model {

// egress_mtu: the route MTU bpf_fib_lookup reported; overhead: the outer IP + UDP + GUE (and
// tag) bytes the packet did not fit with. Sets action, verdict and frame of decision.
void answer_too_big(const ServicePacket& packet, const shoal_config& config,
                    std::uint32_t egress_mtu, std::size_t overhead, const IcmpRateOracle& rate,
                    Decision& decision);

}  // namespace shoal::model
