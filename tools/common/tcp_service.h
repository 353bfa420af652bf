// SPDX-License-Identifier: MIT
// A service of the lab tools on one TCP address, bound at construction (so a taken address
// fails before the service reports ready) and accepting until stopped: each connection goes
// to serve() in a coroutine of its own; an accept error (EMFILE and friends) is reported and
// retried shortly.
#pragma once

#include <string>
#include <string_view>

#include "common/asio.h"

namespace shoal::tools {

class TcpService {
  public:
    // Throws boost::system::system_error "WHAT listen on ENDPOINT: ..." (what: "tcp", "http").
    TcpService(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint, std::string_view what,
               std::string name);
    virtual ~TcpService() = default;

    void start();
    void stop();

  protected:
    virtual asio::awaitable<void> serve(asio::ip::tcp::socket socket) = 0;
    const std::string& name() const noexcept { return name_; }

  private:
    asio::awaitable<void> accept_loop();

    asio::ip::tcp::acceptor acceptor_;
    std::string name_;
};

}  // namespace shoal::tools
