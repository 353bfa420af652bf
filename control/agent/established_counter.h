// SPDX-License-Identifier: MIT
#pragma once
// Counts established TCP connections whose local end is a service's VIP and port, through
// NETLINK_SOCK_DIAG in the caller's network namespace. `shoalctl drain --wait` waits for a
// drained server's count to reach zero.

#include <cstdint>
#include <vector>

#include "agent/local_flows.h"
#include "shoal_abi.h"

namespace shoal::agent {

// Does the flow's local end match the service key (address, family, protocol, port 0 = any)?
bool local_end_matches(const LocalFlow& flow, const shoal_service_key& key);

class EstablishedCounter {
  public:
    // One count per key, in order. Only TCP keys count (UDP has no established state);
    // port 0 matches any local port. Throws std::runtime_error with the errno text on failure.
    std::vector<uint64_t> count(const std::vector<shoal_service_key>& services);

  private:
    LocalFlowDump dump_;
};

}  // namespace shoal::agent
