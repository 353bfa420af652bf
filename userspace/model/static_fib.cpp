// SPDX-License-Identifier: MIT
#include "model/static_fib.h"

#include <linux/bpf.h>

namespace shoal::model {

void StaticFib::add_route(std::uint8_t family, const Address& dst, const StaticRoute& route) {
    routes_[{family, dst}] = route;
}

FibResult StaticFib::lookup(const FibQuery& query) const {
    FibResult result;
    const auto it = routes_.find({query.family, query.dst});
    if (it == routes_.end()) {
        result.code = BPF_FIB_LKUP_RET_NOT_FWDED;
        return result;
    }
    const StaticRoute& route = it->second;
    result.ifindex = route.ifindex;
    result.mtu = route.mtu;
    if (query.tot_len > route.mtu) {
        result.code = BPF_FIB_LKUP_RET_FRAG_NEEDED;
        return result;
    }
    if (!route.neighbour) {
        result.code = BPF_FIB_LKUP_RET_NO_NEIGH;
        return result;
    }
    result.code = BPF_FIB_LKUP_RET_SUCCESS;
    result.smac = route.smac;
    result.dmac = route.dmac;
    return result;
}

}  // namespace shoal::model
