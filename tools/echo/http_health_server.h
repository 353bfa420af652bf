// SPDX-License-Identifier: MIT
// A minimal HTTP/1.0 responder for the conductor's HTTP health checks: any GET answers
// "200 OK" with the server's name; the connection closes after one response.
#pragma once

#include <string>

#include "common/asio.h"
#include "common/tcp_service.h"

namespace shoal::tools {

class HttpHealthServer final : public TcpService {
  public:
    // Throws boost::system::system_error naming the endpoint.
    HttpHealthServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                     std::string name);

  private:
    asio::awaitable<void> serve(asio::ip::tcp::socket socket) override;
};

}  // namespace shoal::tools
