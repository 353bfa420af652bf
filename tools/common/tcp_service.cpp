// SPDX-License-Identifier: MIT
#include "common/tcp_service.h"

#include <chrono>
#include <iostream>

#include "base/asio_endpoint.h"

namespace shoal::tools {

TcpService::TcpService(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                       std::string_view what, std::string name)
    : acceptor_(io), name_(std::move(name)) {
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw boost::system::system_error(
            ec, std::string(what) + " listen on " + shoal::to_string(endpoint));
}

void TcpService::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
}

void TcpService::stop() {
    boost::system::error_code ignored;  // closing a listener cannot fail in a way we could act on
    acceptor_.close(ignored);
}

asio::awaitable<void> TcpService::accept_loop() {
    for (;;) {
        boost::system::error_code ec;
        auto socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) {
            // EMFILE and friends: report, back off briefly, keep serving the connections we have.
            std::cerr << "shoal-echo: accept on " << shoal::to_string(acceptor_.local_endpoint())
                      << ": " << ec.message() << "\n";
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket)), asio::detached);
    }
}

}  // namespace shoal::tools
