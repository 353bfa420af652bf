// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>

#include "model/flow.h"

namespace shoal::model {

// What bpf_skc_lookup_tcp finds for a tuple.
enum class TcpSocket {
    none,
    not_listening,  // established, or any other non-LISTEN state (TIME_WAIT, request socket)
    listening,
};

// The local sockets as the XDP program's helpers see them (docs/dataplane.md §5 step 3).
class SocketOracle {
  public:
    virtual ~SocketOracle() = default;
    virtual TcpSocket lookup_tcp(const SocketTuple& tuple) const = 0;
    // Whether bpf_tcp_check_syncookie would return 0 for this packet on the listener
    // that lookup_tcp found; ip_header and tcp_header are the packet's own bytes.
    virtual bool syncookie_valid(const SocketTuple& tuple, std::span<const std::uint8_t> ip_header,
                                 std::span<const std::uint8_t> tcp_header) const = 0;
    // Whether bpf_sk_lookup_udp finds a connected (ESTABLISHED) socket for the tuple.
    virtual bool udp_connected(const SocketTuple& tuple) const = 0;
};

}  // namespace shoal::model
