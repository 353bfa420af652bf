// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "model/hop_list.h"
#include "model/packet.h"
#include "model/socket_oracle.h"
#include "shoal_abi.h"

// docs/dataplane.md §5: this server is the current hop; keep the packet or pass it on.
namespace shoal::model {

enum class Ownership { none, socket, syncookie };

// §5 step 3: whether a local socket owns the flow.
Ownership local_socket_check(const ServicePacket& packet, const SocketOracle& sockets);

struct RedirectorOutcome {
    std::optional<shoal_stat> keep;              // a KEEP_* verdict, or
    std::optional<shoal_stat> drop;              // a DROP_* verdict, or encapsulate:
    std::uint16_t forward_to = SHOAL_NO_SERVER;  // to this server
    HopList forward_hops;                        // with this hop list
    shoal_stat forward_verdict = SHOAL_STAT_FORWARD_SECOND_HOP;
};

// hops: the remaining hop list (at most one hop), maybe a return ticket.
RedirectorOutcome run_redirector(const ServicePacket& packet, const HopList& hops,
                                 std::uint16_t self, const SocketOracle& sockets);

}  // namespace shoal::model
