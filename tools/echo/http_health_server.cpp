// SPDX-License-Identifier: MIT
#include "echo/http_health_server.h"

#include <chrono>

namespace shoal::tools {
namespace {

constexpr std::size_t kMaxRequest = 8192;
constexpr auto kRequestTimeout = std::chrono::seconds(5);

std::string response(int status, std::string_view reason, const std::string& body) {
    return "HTTP/1.0 " + std::to_string(status) + " " + std::string(reason) +
           "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

HttpHealthServer::HttpHealthServer(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                                   std::string name)
    : TcpService(io, endpoint, "http", std::move(name)) {}

asio::awaitable<void> HttpHealthServer::serve(asio::ip::tcp::socket socket) {
    // A checker that connects and never sends must not hold the socket forever.
    asio::steady_timer timeout(socket.get_executor(), kRequestTimeout);
    timeout.async_wait([&socket](boost::system::error_code ec) {
        if (!ec) socket.close(ec);
    });
    std::string request;
    boost::system::error_code ec;
    co_await asio::async_read_until(socket, asio::dynamic_buffer(request, kMaxRequest), "\r\n\r\n",
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
        const std::string reply = request.starts_with("GET ")
                                      ? response(200, "OK", name() + " ok\n")
                                      : response(405, "Method Not Allowed", "GET only\n");
        co_await asio::async_write(socket, asio::buffer(reply),
                                   asio::redirect_error(asio::use_awaitable, ec));
    }
    timeout.cancel();
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket.close(ec);
}

}  // namespace shoal::tools
