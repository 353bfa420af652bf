// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

#include "model/decision.h"
#include "model/fib_oracle.h"
#include "model/icmp_rate_oracle.h"
#include "model/socket_oracle.h"
#include "model/state.h"

namespace shoal::model {

// What bpf/shoal_xdp.bpf.c does with a frame, as docs/dataplane.md defines it. The ICMP rate
// limit of §9 is an oracle too; by default its bucket never runs dry.
Decision decide(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex,
                const DataplaneState& state, const FibOracle& fib, const SocketOracle& sockets,
                const IcmpRateOracle& icmp_rate = unexhausted_icmp_rate());

}  // namespace shoal::model
