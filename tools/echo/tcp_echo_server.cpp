// SPDX-License-Identifier: MIT
#include "echo/tcp_echo_server.h"

#include <iostream>

#include <algorithm>
#include <vector>
#include <optional>

#include "common/bulk_protocol.h"
#include "common/echo_protocol.h"
#include "common/endpoint_text.h"

namespace shoal::tools {
namespace {

constexpr std::size_t kBulkChunk = 64 * 1024;

// "BULK DOWN N": the reply line, then N bytes of the pattern.
asio::awaitable<bool> send_bulk(asio::ip::tcp::socket& socket, std::string reply, std::uint64_t bytes) {
    boost::system::error_code ec;
    co_await asio::async_write(socket, asio::buffer(reply), asio::redirect_error(asio::use_awaitable, ec));
    std::vector<unsigned char> chunk(kBulkChunk);  // on the heap: coroutine frames stay small
    for (std::uint64_t sent = 0; !ec && sent < bytes;) {
        const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), bytes - sent));
        fill_bulk_pattern(chunk.data(), size, sent);
        co_await asio::async_write(socket, asio::buffer(chunk.data(), size),
                                   asio::redirect_error(asio::use_awaitable, ec));
        sent += size;
    }
    co_return !ec;
}

// "BULK UP N": reads N bytes (the first may already be in `buffer`; bytes past them stay there
// for the next line), checks them against the pattern, then replies (naming the first wrong
// byte if one was wrong).
asio::awaitable<bool> receive_bulk(asio::ip::tcp::socket& socket, std::string& buffer, std::string reply,
                                   std::uint64_t bytes) {
    std::optional<std::uint64_t> mismatch;
    std::uint64_t received = 0;
    const auto take = [&](const unsigned char* data, std::size_t size) {
        const auto used = static_cast<std::size_t>(std::min<std::uint64_t>(size, bytes - received));
        if (!mismatch)
            if (auto at = bulk_pattern_mismatch(data, used, received)) mismatch = received + *at;
        received += used;
        return used;
    };
    buffer.erase(0, take(reinterpret_cast<const unsigned char*>(buffer.data()), buffer.size()));
    std::vector<unsigned char> chunk(kBulkChunk);  // on the heap: coroutine frames stay small
    boost::system::error_code ec;
    while (received < bytes) {
        const std::size_t n = co_await socket.async_read_some(asio::buffer(chunk),
                                                              asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return false;
        const std::size_t used = take(chunk.data(), n);
        buffer.append(reinterpret_cast<const char*>(chunk.data()) + used, n - used);
    }
    if (mismatch) reply.insert(reply.size() - 1, " mismatch at " + std::to_string(*mismatch));
    co_await asio::async_write(socket, asio::buffer(reply), asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
}

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
        if (const auto bulk = parse_bulk_command(std::string_view(buffer).substr(0, length - 1))) {
            std::string reply = make_echo_reply(name_, std::string_view(buffer).substr(0, length));
            buffer.erase(0, length);
            const bool served = bulk->direction == BulkDirection::down
                                    ? co_await send_bulk(socket, std::move(reply), bulk->bytes)
                                    : co_await receive_bulk(socket, buffer, std::move(reply), bulk->bytes);
            if (!served) break;
            continue;
        }
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
