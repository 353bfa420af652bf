// SPDX-License-Identifier: MIT
#include "agent/fabric_mtu.h"

#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "shoal_abi.h"
#include "dataplane/unique_fd.h"

namespace shoal::agent {

std::uint32_t gue_overhead(bool ipv6_outer, bool auth_tag) {
    return (ipv6_outer ? kIpv6HeaderBytes : kIpv4HeaderBytes) + kUdpHeaderBytes +
           std::uint32_t{sizeof(struct shoal_gue_hdr)} + (auth_tag ? SHOAL_GUE_TAG_LEN : 0);
}

std::uint32_t fleet_gue_overhead(const config::FleetConfig& fleet, const std::string& server, bool auth_tag) {
    const auto* self = fleet.find_server(server);
    if (!self) return gue_overhead(true, auth_tag);  // the worst case
    bool peer4 = false, peer6 = false;
    for (const auto& s : fleet.servers) {
        if (s.name == server && fleet.servers.size() > 1) continue;
        peer4 |= s.dip4.has_value();
        peer6 |= s.dip6.has_value();
    }
    const bool ipv6_outer = self->dip6 && peer6;
    const bool ipv4_outer = self->dip4 && peer4;
    return gue_overhead(ipv6_outer || !ipv4_outer, auth_tag);
}

std::optional<std::uint32_t> interface_mtu(const std::string& name) {
    if (name.empty() || name.size() >= IFNAMSIZ) return std::nullopt;
    const UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!fd.valid()) return std::nullopt;
    ifreq request{};
    std::memcpy(request.ifr_name, name.c_str(), name.size());
    if (::ioctl(fd.get(), SIOCGIFMTU, &request) != 0 || request.ifr_mtu <= 0) return std::nullopt;
    return static_cast<std::uint32_t>(request.ifr_mtu);
}

store::FabricMtu fabric_mtu(const MtuInputs& inputs) {
    store::FabricMtu out;
    out.edge_mtu = inputs.edge_mtu;
    out.overhead = inputs.overhead;
    out.gue_auth = inputs.gue_auth;
    for (const auto& [name, mtu] : inputs.interfaces) {
        const std::uint32_t bytes = mtu.value_or(0);
        const std::uint32_t inner = bytes > inputs.overhead ? bytes - inputs.overhead : 0;
        out.interfaces.push_back({.name = name, .mtu = bytes, .max_inner_packet = inner});
        out.max_inner_packet = out.interfaces.size() == 1 ? inner : std::min(out.max_inner_packet, inner);
    }
    return out;
}

}  // namespace shoal::agent
