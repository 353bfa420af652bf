// SPDX-License-Identifier: MIT
#pragma once
// Counts established TCP connections whose local end is a service's VIP and port, through
// NETLINK_SOCK_DIAG in the caller's network namespace. `shoalctl drain --wait` waits for a
// drained server's count to reach zero.

#include <cstdint>
#include <vector>

#include "shoal_abi.h"

namespace shoal::agent {

class EstablishedCounter {
public:
    EstablishedCounter();
    ~EstablishedCounter();
    EstablishedCounter(const EstablishedCounter&) = delete;
    EstablishedCounter& operator=(const EstablishedCounter&) = delete;

    // One count per key, in order. Only TCP keys count (UDP has no established state);
    // port 0 matches any local port. Throws std::runtime_error with the errno text on failure.
    std::vector<uint64_t> count(const std::vector<shoal_service_key>& services);

private:
    void dump_family(uint8_t family, const std::vector<shoal_service_key>& services,
                     std::vector<uint64_t>& counts);

    int fd_ = -1;
    uint32_t seq_ = 0;
};

}  // namespace shoal::agent
