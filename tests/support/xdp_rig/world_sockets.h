// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <vector>

#include "base/unique_fd.h"
#include "model/socket_set.h"
#include "model/state.h"
#include "xdp_rig/rig_network.h"

namespace shoal::test {

// Real sockets for a model::SocketSet, in the rig's namespaces:
// - a TCP listener in lb on each listener address and port;
// - each established tuple is a real connection: the client socket in net, bound to the
//   tuple's remote address and port, connects through shoal0 to the VIP in lb, where the
//   accepted socket is the one bpf_skc_lookup_tcp finds;
// - each connected UDP tuple is a socket in lb bound to the VIP and port and connected to the
//   client; and, as on every server, an unconnected UDP socket bound to each UDP service's VIP
//   and port (which must prove nothing).
// The valid SYN cookies of the set are not sockets: SyncookieIssuer asks the kernel for them.
class WorldSockets {
  public:
    // The calling thread must be in the lb namespace.
    WorldSockets(const model::SocketSet& sockets, const model::DataplaneState& state,
                 const RigNetwork& network);

    std::size_t count() const noexcept { return fds_.size(); }

  private:
    void listen_tcp(const model::SocketSet& sockets);
    void connect_tcp(const model::SocketSet& sockets, const RigNetwork& network);
    void bind_udp(const model::SocketSet& sockets, const model::DataplaneState& state);

    std::vector<UniqueFd> fds_;
    std::map<model::SocketSet::Listener, int> listeners_;  // fds owned by fds_
};

}  // namespace shoal::test
