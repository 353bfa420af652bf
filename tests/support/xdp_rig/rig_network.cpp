// SPDX-License-Identifier: MIT
#include "xdp_rig/rig_network.h"

#include <set>
#include <stdexcept>

#include "netns/command.h"

namespace shoal::test {
namespace {

struct Link {
    std::uint32_t ifindex;
    const char* name;
    const char* peer;
};

// The world's two interfaces; lo is ifindex 1 in a new namespace.
const Link kLinks[] = {
    {cases::kIngressIfindex, "shoal0", "shoal0p"},
    {cases::kOtherIfindex, "shoal1", "shoal1p"},
    {cases::kUnattachedIfindex, "shoal2", "shoal2p"},
};
const Mac kOtherPeerMac = Mac::parse("02:00:00:00:09:02");
const Mac kUnattachedPeerMac = Mac::parse("02:00:00:00:09:03");

// This server's MAC on the interface with this ifindex.
const Mac& lb_mac(std::uint32_t ifindex) {
    if (ifindex == cases::kIngressIfindex) return cases::kIngressMac;
    if (ifindex == cases::kOtherIfindex) return cases::kOtherMac;
    return cases::kUnattachedMac;
}

const Link& link_of(std::uint32_t ifindex) {
    for (const Link& l : kLinks)
        if (l.ifindex == ifindex) return l;
    throw std::invalid_argument("the rig has no interface with ifindex " + std::to_string(ifindex));
}

IpAddr ip_of(std::uint8_t family, const model::Address& a) {
    IpAddr out;
    out.family = family == SHOAL_FAMILY_IPV4 ? 4 : 6;
    out.bytes = a;
    return out;
}

std::string host_prefix(const IpAddr& a) { return a.str() + (a.is_v4() ? "/32" : "/128"); }

void sysctl_set(const Netns& ns, const std::vector<std::string>& settings) {
    std::vector<std::string> argv{"nsenter", "--net=" + ns.path(), "sysctl", "-q", "-w"};
    argv.insert(argv.end(), settings.begin(), settings.end());
    run_command(argv);
}

}  // namespace

RigNetwork::RigNetwork(const cases::World& world) {
    make_links();
    configure_lb(world);
    configure_net();
}

std::string RigNetwork::sysctl(const Netns& ns, const std::string& key) {
    std::string value = run_command({"nsenter", "--net=" + ns.path(), "sysctl", "-n", key});
    while (!value.empty() && (value.back() == '\n' || value.back() == ' ')) value.pop_back();
    return value;
}

std::string RigNetwork::lb_ifname(std::uint32_t ifindex) const { return link_of(ifindex).name; }
std::string RigNetwork::peer_ifname(std::uint32_t ifindex) const { return link_of(ifindex).peer; }

std::vector<std::uint32_t> RigNetwork::ifindexes() const {
    std::vector<std::uint32_t> out;
    for (const Link& l : kLinks) out.push_back(l.ifindex);
    return out;
}

void RigNetwork::make_links() {
    const Mac peer_macs[] = {cases::kRouterMac, kOtherPeerMac, kUnattachedPeerMac};
    for (std::size_t i = 0; i < std::size(kLinks); ++i) {
        const Link& l = kLinks[i];
        lb_.ip({"link", "add", l.name, "index", std::to_string(l.ifindex), "address",
                lb_mac(l.ifindex).str(), "mtu", std::to_string(cases::kMtu), "type", "veth", "peer",
                "name", l.peer, "address", peer_macs[i].str(), "netns", net_.name()});
        lb_.link_up(l.name);
        net_.link_up(l.peer);
        const int real = lb_.ifindex(l.name);
        if (real != static_cast<int>(l.ifindex))
            throw std::runtime_error(std::string(l.name) + " got ifindex " + std::to_string(real) +
                                     ", the world needs " + std::to_string(l.ifindex));
    }
}

void RigNetwork::configure_lb(const cases::World& world) {
    sysctl_set(lb_, {"net.ipv4.conf.all.forwarding=1", "net.ipv4.conf.shoal0.forwarding=1",
                     "net.ipv4.conf.shoal1.forwarding=1", "net.ipv6.conf.all.forwarding=1",
                     "net.ipv6.conf.shoal0.forwarding=1", "net.ipv6.conf.shoal1.forwarding=1",
                     "net.ipv4.tcp_syncookies=2", "net.ipv4.conf.all.rp_filter=0"});

    std::set<std::string> vips;
    for (const auto& [key, service] : world.state.services)  // fragment entries: the same VIPs
        vips.insert(host_prefix(
            ip_of(key.family & ~SHOAL_FAMILY_FRAGMENTS, model::Address(std::to_array(key.addr)))));
    for (const std::string& vip : vips) lb_.add_address("lo", vip);
    lb_.add_address("shoal0", host_prefix(cases::kSelf4));
    lb_.add_address("shoal0", host_prefix(cases::kSelf6));

    for (const auto& [dst, route] : world.fib.routes()) {
        const IpAddr addr = ip_of(dst.first, dst.second);
        const std::string dev = lb_ifname(route.ifindex);
        if (route.smac != lb_mac(route.ifindex).bytes)
            throw std::invalid_argument("world route to " + addr.str() +
                                        " has a source MAC other than " + dev + "'s");
        const std::string family = addr.is_v4() ? "-4" : "-6";
        // Locked: bpf_fib_lookup reports a route's MTU only when it is (else the device's).
        lb_.ip({family, "route", "add", host_prefix(addr), "dev", dev, "mtu", "lock",
                std::to_string(route.mtu)});
        if (route.neighbour) {
            Mac dmac;
            dmac.bytes = route.dmac;
            lb_.ip({family, "neigh", "replace", addr.str(), "lladdr", dmac.str(), "dev", dev, "nud",
                    "permanent"});
        }
    }
    // Replies to clients go back through the router behind shoal0.
    lb_.ip({"-4", "route", "add", "198.18.2.0/24", "via", cases::kRouter4.str(), "dev", "shoal0",
            "onlink"});
    lb_.ip({"-6", "route", "add", "2001:db8:2::/64", "via", cases::kRouter6.str(), "dev", "shoal0",
            "onlink"});
    for (const IpAddr& router : {cases::kRouter4, cases::kRouter6})
        lb_.ip({router.is_v4() ? "-4" : "-6", "neigh", "replace", router.str(), "lladdr",
                cases::kRouterMac.str(), "dev", "shoal0", "nud", "permanent"});
}

void RigNetwork::configure_net() {
    net_.add_address("shoal0p", host_prefix(cases::kClient4));
    net_.add_address("shoal0p", host_prefix(cases::kClient6));
    net_.ip({"-4", "route", "add", "198.18.1.0/24", "via", cases::kSelf4.str(), "dev", "shoal0p",
             "onlink"});
    net_.ip({"-6", "route", "add", "2001:db8:1::/64", "via", cases::kSelf6.str(), "dev", "shoal0p",
             "onlink"});
    for (const IpAddr& self : {cases::kSelf4, cases::kSelf6})
        net_.ip({self.is_v4() ? "-4" : "-6", "neigh", "replace", self.str(), "lladdr",
                 cases::kIngressMac.str(), "dev", "shoal0p", "nud", "permanent"});
}

}  // namespace shoal::test
