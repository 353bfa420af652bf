// SPDX-License-Identifier: MIT
// UDP echo with sessions: the first datagram from a client address:port makes a socket bound
// to the same VIP:port and connected to that client, and every later datagram of the flow is
// answered through it. The data plane keeps packets of flows that own a connected UDP socket,
// so a session stays on the server that answered it first even after the table moves.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "common/asio.h"

namespace shoal::tools {

class UdpSessionServer {
  public:
    struct Limits {
        std::chrono::seconds idle_timeout{30};
        std::size_t max_sessions = 65536;
    };

    // Throws boost::system::system_error naming the endpoint.
    UdpSessionServer(asio::io_context& io, const asio::ip::udp::endpoint& endpoint,
                     std::string name, Limits limits);

    void start();
    void stop();
    std::size_t sessions() const { return sessions_.size(); }

  private:
    struct Session;

    asio::awaitable<void> listen();
    asio::awaitable<void> serve(std::shared_ptr<Session> session);
    asio::awaitable<void> expire_idle();
    std::shared_ptr<Session> open_session(const asio::ip::udp::endpoint& peer);

    asio::io_context& io_;
    asio::ip::udp::endpoint endpoint_;
    asio::ip::udp::socket listener_;
    asio::steady_timer sweep_timer_;
    std::string name_;
    Limits limits_;
    std::map<asio::ip::udp::endpoint, std::shared_ptr<Session>> sessions_;
    bool stopped_ = false;
};

}  // namespace shoal::tools
