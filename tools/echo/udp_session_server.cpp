// SPDX-License-Identifier: MIT
#include "echo/udp_session_server.h"

#include <array>
#include <iostream>

#include "base/asio_endpoint.h"
#include "common/echo_protocol.h"
#include "echo/udp_echo_server.h"

namespace shoal::tools {

struct UdpSessionServer::Session {
    Session(asio::ip::udp::socket s, const asio::ip::udp::endpoint& p)
        : socket(std::move(s)), peer(p) {}
    asio::ip::udp::socket socket;
    asio::ip::udp::endpoint peer;
    std::chrono::steady_clock::time_point last_seen = std::chrono::steady_clock::now();
    std::array<char, 65536> buffer{};
};

UdpSessionServer::UdpSessionServer(asio::io_context& io, const asio::ip::udp::endpoint& endpoint,
                                   std::string name, Limits limits)
    : io_(io),
      endpoint_(endpoint),
      listener_(bind_udp(io, endpoint)),
      sweep_timer_(io),
      name_(std::move(name)),
      limits_(limits) {}

void UdpSessionServer::start() {
    asio::co_spawn(io_, listen(), asio::detached);
    asio::co_spawn(io_, expire_idle(), asio::detached);
}

void UdpSessionServer::stop() {
    stopped_ = true;
    boost::system::error_code ignored;  // closing cannot fail in a way we could act on
    listener_.close(ignored);
    sweep_timer_.cancel();
    for (auto& [peer, session] : sessions_) session->socket.close(ignored);
    sessions_.clear();
}

std::shared_ptr<UdpSessionServer::Session> UdpSessionServer::open_session(
    const asio::ip::udp::endpoint& peer) {
    auto socket = bind_udp(io_, endpoint_);
    boost::system::error_code ec;
    socket.connect(peer, ec);
    if (ec)
        throw boost::system::system_error(ec, "udp session " + shoal::to_string(endpoint_) +
                                                  " connect to " + shoal::to_string(peer));
    auto session = std::make_shared<Session>(std::move(socket), peer);
    sessions_.emplace(peer, session);
    asio::co_spawn(io_, serve(session), asio::detached);
    return session;
}

asio::awaitable<void> UdpSessionServer::listen() {
    std::array<char, 65536> buffer{};
    while (!stopped_) {
        asio::ip::udp::endpoint peer;
        boost::system::error_code ec;
        const std::size_t length = co_await listener_.async_receive_from(
            asio::buffer(buffer), peer, asio::redirect_error(asio::use_awaitable, ec));
        if (stopped_ || ec == asio::error::operation_aborted) co_return;
        if (ec) continue;
        const std::string reply = make_echo_reply(name_, std::string_view(buffer.data(), length));
        std::shared_ptr<Session> session;
        if (auto found = sessions_.find(peer); found != sessions_.end()) {
            session = found->second;  // a datagram that raced the session's connect()
        } else if (sessions_.size() < limits_.max_sessions) {
            try {
                session = open_session(peer);
            } catch (const boost::system::system_error& error) {
                std::cerr << "shoal-echo: " << error.what() << "\n";
            }
        }
        if (session) {
            session->last_seen = std::chrono::steady_clock::now();
            session->socket.send(asio::buffer(reply), 0, ec);
        } else {
            listener_.send_to(asio::buffer(reply), peer, 0, ec);  // over the limit: answer unpinned
        }
    }
}

asio::awaitable<void> UdpSessionServer::serve(std::shared_ptr<Session> session) {
    while (session->socket.is_open()) {
        boost::system::error_code ec;
        asio::ip::udp::endpoint sender;
        const std::size_t length = co_await session->socket.async_receive_from(
            asio::buffer(session->buffer), sender, asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !session->socket.is_open()) co_return;
        if (ec) continue;  // ICMP port unreachable from a client that went away: expiry ends it
        const std::string reply =
            make_echo_reply(name_, std::string_view(session->buffer.data(), length));
        if (sender != session->peer) {
            // Queued between bind() and connect(): another client's datagram, answer it unpinned.
            listener_.send_to(asio::buffer(reply), sender, 0, ec);
            continue;
        }
        session->last_seen = std::chrono::steady_clock::now();
        co_await session->socket.async_send(asio::buffer(reply),
                                            asio::redirect_error(asio::use_awaitable, ec));
    }
}

asio::awaitable<void> UdpSessionServer::expire_idle() {
    while (!stopped_) {
        sweep_timer_.expires_after(std::chrono::seconds(1));
        boost::system::error_code ec;
        co_await sweep_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (stopped_) co_return;
        const auto cutoff = std::chrono::steady_clock::now() - limits_.idle_timeout;
        for (auto it = sessions_.begin(); it != sessions_.end();) {
            if (it->second->last_seen < cutoff) {
                it->second->socket.close(ec);
                it = sessions_.erase(it);
            } else {
                ++it;
            }
        }
    }
}

}  // namespace shoal::tools
