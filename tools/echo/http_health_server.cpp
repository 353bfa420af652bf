// SPDX-License-Identifier: MIT
#include "echo/http_health_server.h"

#include <chrono>

#include "common/endpoint_text.h"

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
    : acceptor_(io), name_(std::move(name)) {
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw boost::system::system_error(ec, "http listen on " + to_string(endpoint));
}

void HttpHealthServer::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
}

void HttpHealthServer::stop() {
    boost::system::error_code ignored;  // closing cannot fail in a way we could act on
    acceptor_.close(ignored);
}

asio::awaitable<void> HttpHealthServer::accept_loop() {
    for (;;) {
        boost::system::error_code ec;
        auto socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        if (ec) continue;
        asio::co_spawn(acceptor_.get_executor(), answer(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> HttpHealthServer::answer(asio::ip::tcp::socket socket) {
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
                                      ? response(200, "OK", name_ + " ok\n")
                                      : response(405, "Method Not Allowed", "GET only\n");
        co_await asio::async_write(socket, asio::buffer(reply),
                                   asio::redirect_error(asio::use_awaitable, ec));
    }
    timeout.cancel();
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket.close(ec);
}

}  // namespace shoal::tools
