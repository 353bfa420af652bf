// SPDX-License-Identifier: MIT
#pragma once
// The local sockets that own flows, read through NETLINK_SOCK_DIAG in the caller's network
// namespace: TCP sockets in the states asked for and connected UDP sockets. What the XDP
// program's local socket check would find, seen from user space.

#include <array>
#include <cstdint>
#include <vector>

#include "base/unique_fd.h"

namespace shoal::agent {

struct LocalFlow {
    std::uint8_t family = 0;  // AF_INET or AF_INET6
    std::uint8_t proto = 0;   // IPPROTO_TCP or IPPROTO_UDP
    std::uint8_t state = 0;   // the kernel's TCP_* state (UDP: TCP_ESTABLISHED when connected)
    std::array<std::uint8_t, 16> local{};  // IPv4 in the first 4 bytes
    std::array<std::uint8_t, 16> remote{};
    std::uint16_t local_port = 0;   // network order, as the kernel reports it
    std::uint16_t remote_port = 0;  // network order
};

// TCP states that own a flow: everything but LISTEN and CLOSE (a TIME_WAIT or FIN_WAIT socket
// still answers its peer, and the data plane keeps any non-listening socket's packets).
std::uint32_t owning_tcp_states();
inline constexpr std::uint32_t kEstablishedOnly = 1u << 1;  // TCP_ESTABLISHED

class LocalFlowDump {
  public:
    LocalFlowDump();  // throws std::runtime_error with the errno text
    LocalFlowDump(const LocalFlowDump&) = delete;
    LocalFlowDump& operator=(const LocalFlowDump&) = delete;

    // Sockets of `proto` in both families whose state is in `states` (a bit per TCP_* state).
    // Throws std::runtime_error naming the step and errno.
    std::vector<LocalFlow> dump(std::uint8_t proto, std::uint32_t states);

  private:
    void dump_family(std::uint8_t family, std::uint8_t proto, std::uint32_t states,
                     std::vector<LocalFlow>& out);

    UniqueFd fd_;
    std::uint32_t seq_ = 0;
};

}  // namespace shoal::agent
