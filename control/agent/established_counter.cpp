// SPDX-License-Identifier: MIT
#include "agent/established_counter.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace shoal::agent {

bool local_end_matches(const LocalFlow& flow, const shoal_service_key& key) {
    if (key.proto != flow.proto) return false;
    if ((flow.family == AF_INET && key.family != SHOAL_FAMILY_IPV4) ||
        (flow.family == AF_INET6 && key.family != SHOAL_FAMILY_IPV6))
        return false;
    if (key.port != 0 && key.port != flow.local_port) return false;
    const std::size_t len = flow.family == AF_INET ? 4 : 16;
    return std::memcmp(flow.local.data(), key.addr, len) == 0;
}

std::vector<uint64_t> EstablishedCounter::count(const std::vector<shoal_service_key>& services) {
    std::vector<uint64_t> counts(services.size(), 0);
    for (const auto& flow : dump_.dump(IPPROTO_TCP, kEstablishedOnly))
        for (std::size_t i = 0; i < services.size(); ++i)
            if (local_end_matches(flow, services[i])) ++counts[i];
    return counts;
}

}  // namespace shoal::agent
