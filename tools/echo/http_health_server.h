// SPDX-License-Identifier: MIT
// A minimal HTTP/1.0 responder for the conductor's HTTP health checks: any GET answers
// "200 OK" with the server's name; the connection closes after one response.
#pragma once

#include <string>

#include "common/asio.h"

namespace shoal::tools {

class HttpHealthServer {
  public:
    // Throws boost::system::system_error naming the endpoint.
    HttpHealthServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                     std::string name);

    void start();
    void stop();

  private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> answer(asio::ip::tcp::socket socket);

    asio::ip::tcp::acceptor acceptor_;
    std::string name_;
};

}  // namespace shoal::tools
