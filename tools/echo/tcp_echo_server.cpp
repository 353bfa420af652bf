// SPDX-License-Identifier: MIT
#include "echo/tcp_echo_server.h"

#include "common/echo_protocol.h"

namespace shoal::tools {

TcpEchoServer::TcpEchoServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                             std::string name)
    : TcpService(io, endpoint, "tcp", std::move(name)) {}

asio::awaitable<void> TcpEchoServer::serve(asio::ip::tcp::socket socket) {
    ++open_connections_;
    std::string buffer;
    for (;;) {
        boost::system::error_code ec;
        const std::size_t length = co_await asio::async_read_until(
            socket, asio::dynamic_buffer(buffer, kMaxEchoMessage + 1), '\n',
            asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;  // EOF, reset, or a line longer than kMaxEchoMessage
        std::string reply = make_echo_reply(name(), std::string_view(buffer).substr(0, length));
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
