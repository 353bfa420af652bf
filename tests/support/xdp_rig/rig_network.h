// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "netns/netns.h"
#include "world.h"

namespace shoal::test {

// tests/model/world.h made real: two throwaway namespaces joined by two veth pairs.
//
//   "lb" (this server)                        "net" (router, clients, peers)
//   lo      VIPs of every service
//   shoal0  ifindex 2, kIngressMac  <------>  shoal0p  kRouterMac, the clients' addresses
//   shoal1  ifindex 3, kOtherMac    <------>  shoal1p
//   shoal2  ifindex 4, kUnattachedMac <---->  shoal2p  (not in the world's shoal_tx_ports)
//
// In lb: forwarding on (bpf_fib_lookup answers FWD_DISABLED otherwise), SYN cookies always
// (tcp_syncookies=2), this server's DIPs as /32 and /128 on shoal0, and exactly the world's FIB:
// one host route per StaticRoute with its MTU (locked, so bpf_fib_lookup reports it), a permanent neighbour where the route has one,
// none where it has not (the peer side holds no such address, so nothing can resolve it), and
// no default route. The clients are reached through the router, so replies (SYN-ACKs, connected
// sockets) really leave through shoal0.
class RigNetwork {
  public:
    explicit RigNetwork(const cases::World& world);
    RigNetwork(const RigNetwork&) = delete;
    RigNetwork& operator=(const RigNetwork&) = delete;

    const Netns& lb() const noexcept { return lb_; }
    const Netns& net() const noexcept { return net_; }

    // The lb interface with this ifindex ("shoal0", "shoal1") and its peer end in net.
    std::string lb_ifname(std::uint32_t ifindex) const;
    std::string peer_ifname(std::uint32_t ifindex) const;
    std::vector<std::uint32_t> ifindexes() const;  // of the lb veth ends

    // Runs `sysctl -n key` inside a namespace.
    static std::string sysctl(const Netns& ns, const std::string& key);

  private:
    void make_links();
    void configure_lb(const cases::World& world);
    void configure_net();

    Netns lb_{"shoal-xdp"};
    Netns net_{"shoal-xdp"};
};

}  // namespace shoal::test
