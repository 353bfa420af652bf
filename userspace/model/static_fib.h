// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <utility>

#include "model/fib_oracle.h"

namespace shoal::model {

// One host route with its neighbour, as a test namespace sets them up with
// `ip route add DST/32 dev IF mtu M` and `ip neigh add DST lladdr MAC dev IF`.
struct StaticRoute {
    std::uint32_t ifindex = 0;
    MacAddress smac{};  // the egress interface's address
    MacAddress dmac{};  // the neighbour's address
    std::uint32_t mtu = 1500;
    bool neighbour = true;  // false: route without a resolved neighbour
};

// A FIB of host routes: no route -> NOT_FWDED; tot_len > mtu -> FRAG_NEEDED;
// no neighbour -> NO_NEIGH (checked in the kernel's order).
class StaticFib final : public FibOracle {
  public:
    void add_route(std::uint8_t family, const Address& dst, const StaticRoute& route);
    FibResult lookup(const FibQuery& query) const override;

    const std::map<std::pair<std::uint8_t, Address>, StaticRoute>& routes() const {
        return routes_;
    }

  private:
    std::map<std::pair<std::uint8_t, Address>, StaticRoute> routes_;
};

}  // namespace shoal::model
