// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <set>
#include <tuple>

#include "model/socket_oracle.h"

namespace shoal::model {

// Local sockets as sets of tuples: established TCP connections, TCP listeners (a zero
// address listens on every address of the family), the flows whose ACK carries a cookie the
// listener accepts, and connected UDP sockets.
class SocketSet final : public SocketOracle {
  public:
    using Listener = std::tuple<std::uint8_t, Address, std::uint16_t>;  // family, local, port

    void add_tcp_established(const SocketTuple& tuple);
    void add_tcp_listener(std::uint8_t family, const Address& local, std::uint16_t port);
    void add_valid_syncookie(const SocketTuple& tuple);
    void add_udp_connected(const SocketTuple& tuple);

    TcpSocket lookup_tcp(const SocketTuple& tuple) const override;
    bool syncookie_valid(const SocketTuple& tuple, std::span<const std::uint8_t> ip_header,
                         std::span<const std::uint8_t> tcp_header) const override;
    bool udp_connected(const SocketTuple& tuple) const override;

    const std::set<SocketTuple>& tcp_established() const { return tcp_established_; }
    const std::set<Listener>& tcp_listeners() const { return tcp_listeners_; }
    const std::set<SocketTuple>& valid_syncookies() const { return syncookies_; }
    const std::set<SocketTuple>& udp_connected_sockets() const { return udp_connected_; }

  private:
    std::set<SocketTuple> tcp_established_;
    std::set<Listener> tcp_listeners_;
    std::set<SocketTuple> syncookies_;
    std::set<SocketTuple> udp_connected_;
};

}  // namespace shoal::model
