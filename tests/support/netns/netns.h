// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shoal::test {

// A throwaway network namespace, "<prefix>-<pid>-<n>", made with `ip netns add` (so it is
// visible as /run/netns/<name> to ip, nsenter and other processes) and deleted with everything
// in it by the destructor. Creating one first removes namespaces with the same prefix whose
// process is gone (a crashed earlier run). With SHOAL_KEEP_NETNS=1 nothing is deleted: the
// destructor prints what it kept, for debugging.
class Netns {
  public:
    explicit Netns(std::string prefix = "shoal-test");
    ~Netns();
    Netns(const Netns&) = delete;
    Netns& operator=(const Netns&) = delete;

    const std::string& name() const noexcept { return name_; }
    std::string path() const;  // /run/netns/<name>

    // Runs `ip -n <name> <args...>` and returns its stdout.
    std::string ip(const std::vector<std::string>& args) const;
    void link_up(const std::string& ifname) const;
    // "198.18.0.1/24" or "2001:db8::1/64" (IPv6 added with nodad: usable at once).
    void add_address(const std::string& ifname, const std::string& cidr) const;
    int ifindex(const std::string& ifname) const;

  private:
    std::string name_;
};

// Deletes namespaces named <prefix>-<pid>-<n> whose pid no longer runs; returns how many.
std::size_t sweep_stale_netns(std::string_view prefix);

// True when SHOAL_KEEP_NETNS=1: leave test topologies up for debugging.
bool keep_netns();

// Moves the calling thread into a namespace until destroyed, then back to where it was.
class EnterNetns {
  public:
    explicit EnterNetns(const Netns& ns) : EnterNetns(ns.path()) {}
    explicit EnterNetns(const std::string& netns_path);
    ~EnterNetns();
    EnterNetns(const EnterNetns&) = delete;
    EnterNetns& operator=(const EnterNetns&) = delete;

  private:
    int original_ = -1;  // the thread's namespace before entering
};

}  // namespace shoal::test
