// SPDX-License-Identifier: MIT
// Plain UDP echo on one address: each datagram comes back as "NAME datagram", sent from the
// socket bound to the VIP so the reply's source is the VIP.
#pragma once

#include <array>
#include <string>

#include "common/asio.h"

namespace shoal::tools {

class UdpEchoServer {
  public:
    // Throws boost::system::system_error naming the endpoint.
    UdpEchoServer(asio::io_context& io, const asio::ip::udp::endpoint& endpoint, std::string name);

    void start();
    void stop();

  private:
    asio::awaitable<void> serve();

    asio::ip::udp::socket socket_;
    std::string name_;
    std::array<char, 65536> buffer_{};
};

// An unconnected UDP socket bound to ENDPOINT with SO_REUSEADDR (so connected per-client
// sockets can share the address). Throws boost::system::system_error naming the endpoint.
asio::ip::udp::socket bind_udp(asio::io_context& io, const asio::ip::udp::endpoint& endpoint);

}  // namespace shoal::tools
