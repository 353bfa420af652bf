// SPDX-License-Identifier: MIT
#include "echo/udp_echo_server.h"

#include <iostream>

#include "base/asio_endpoint.h"
#include "common/echo_protocol.h"

namespace shoal::tools {

asio::ip::udp::socket bind_udp(asio::io_context& io, const asio::ip::udp::endpoint& endpoint) {
    asio::ip::udp::socket socket(io);
    boost::system::error_code ec;
    socket.open(endpoint.protocol(), ec);
    if (!ec) socket.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) socket.bind(endpoint, ec);
    if (ec) throw boost::system::system_error(ec, "udp bind on " + shoal::to_string(endpoint));
    return socket;
}

UdpEchoServer::UdpEchoServer(asio::io_context& io, const asio::ip::udp::endpoint& endpoint,
                             std::string name)
    : socket_(bind_udp(io, endpoint)), name_(std::move(name)) {}

void UdpEchoServer::start() { asio::co_spawn(socket_.get_executor(), serve(), asio::detached); }

void UdpEchoServer::stop() {
    boost::system::error_code ignored;  // closing cannot fail in a way we could act on
    socket_.close(ignored);
}

asio::awaitable<void> UdpEchoServer::serve() {
    for (;;) {
        asio::ip::udp::endpoint peer;
        boost::system::error_code ec;
        const std::size_t length = co_await socket_.async_receive_from(
            asio::buffer(buffer_), peer, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !socket_.is_open()) co_return;
        if (ec) continue;  // e.g. an ICMP error queued for an earlier reply: not fatal
        const std::string reply = make_echo_reply(name_, std::string_view(buffer_.data(), length));
        co_await socket_.async_send_to(asio::buffer(reply), peer,
                                       asio::redirect_error(asio::use_awaitable, ec));
        if (ec && ec != asio::error::operation_aborted)
            std::cerr << "shoal-echo: udp reply to " << shoal::to_string(peer) << ": "
                      << ec.message() << "\n";
    }
}

}  // namespace shoal::tools
