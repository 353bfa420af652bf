// SPDX-License-Identifier: MIT
#include "echo/tcp_echo_server.h"

#include <iostream>

#include "common/echo_protocol.h"
#include "common/endpoint_text.h"

namespace shoal::tools {
namespace {

asio::ip::tcp::acceptor open_acceptor(asio::io_context& io,
                                      const asio::ip::tcp::endpoint& endpoint) {
    asio::ip::tcp::acceptor acceptor(io);
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw boost::system::system_error(ec, "tcp listen on " + to_string(endpoint));
    return acceptor;
}

}  // namespace

TcpEchoServer::TcpEchoServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                             std::string name)
    : acceptor_(open_acceptor(io, endpoint)), name_(std::move(name)) {}

void TcpEchoServer::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
}

void TcpEchoServer::stop() {
    boost::system::error_code ignored;  // closing a listener cannot fail in a way we could act on
    acceptor_.close(ignored);
}

asio::awaitable<void> TcpEchoServer::accept_loop() {
    for (;;) {
        boost::system::error_code ec;
        auto socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) {
            // EMFILE and friends: report, back off briefly, keep serving the connections we have.
            std::cerr << "shoal-echo: accept on " << to_string(acceptor_.local_endpoint()) << ": "
                      << ec.message() << "\n";
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> TcpEchoServer::serve(asio::ip::tcp::socket socket) {
    ++open_connections_;
    std::string buffer;
    for (;;) {
        boost::system::error_code ec;
        const std::size_t length = co_await asio::async_read_until(
            socket, asio::dynamic_buffer(buffer, kMaxEchoMessage + 1), '\n',
            asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;  // EOF, reset, or a line longer than kMaxEchoMessage
        std::string reply = make_echo_reply(name_, std::string_view(buffer).substr(0, length));
        buffer.erase(0, length);
        co_await asio::async_write(socket, asio::buffer(reply),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
    }
    boost::system::error_code ignored;  // the peer is gone or done; nothing left to tell it
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    --open_connections_;
}

}  // namespace shoal::tools
