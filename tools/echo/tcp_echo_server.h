// SPDX-License-Identifier: MIT
// TCP echo on one address: every line the client sends comes back as "NAME line"; the bulk
// commands of common/bulk_protocol.h send or take N bytes of full-size segments.
#pragma once

#include <cstddef>
#include <string>

#include "common/asio.h"

namespace shoal::tools {

class TcpEchoServer {
  public:
    // Binds and listens at once, so a taken address fails before the service reports ready.
    // Throws boost::system::system_error naming the endpoint.
    TcpEchoServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint, std::string name);

    void start();
    void stop();
    std::size_t open_connections() const { return open_connections_; }

  private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(asio::ip::tcp::socket socket);

    asio::ip::tcp::acceptor acceptor_;
    std::string name_;
    std::size_t open_connections_ = 0;
};

}  // namespace shoal::tools
