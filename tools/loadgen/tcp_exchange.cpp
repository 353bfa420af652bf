// SPDX-License-Identifier: MIT
#include "loadgen/tcp_exchange.h"

#include <netinet/in.h>

#include "common/echo_protocol.h"
#include "loadgen/cancel_after.h"

namespace shoal::tools {
namespace {

using Status = ExchangeOutcome::Status;

FailReason connect_failure(const boost::system::error_code& ec, bool timed_out) {
    if (timed_out) return FailReason::timeout;
    if (ec == asio::error::connection_refused) return FailReason::refused;
    if (ec == asio::error::connection_reset) return FailReason::reset;
    if (ec == asio::error::timed_out) return FailReason::timeout;
    if (ec == asio::error::network_unreachable || ec == asio::error::host_unreachable)
        return FailReason::unreachable;
    return FailReason::other;
}

}  // namespace

// A timeout and wrong content are themselves; any other failure reads as a reset.
BreakReason to_break_reason(Status status) {
    if (status == Status::timeout) return BreakReason::timeout;
    return status == Status::wrong_content ? BreakReason::wrong_content : BreakReason::reset;
}

FailReason to_fail_reason(Status status) {
    if (status == Status::timeout) return FailReason::timeout;
    return status == Status::wrong_content ? FailReason::wrong_content : FailReason::reset;
}

bool record_held_exchange(LoadReport& report, const ExchangeOutcome& outcome,
                          const std::string& server) {
    if (outcome.status == Status::ok && outcome.server == server) {
        report.exchanged(server, outcome.latency);
        return true;
    }
    report.broken(outcome.status == Status::ok ? BreakReason::server_changed
                                               : to_break_reason(outcome.status),
                  server);
    report.closed();
    return false;
}

asio::awaitable<std::optional<FailReason>> connect_tcp(asio::ip::tcp::socket& socket,
                                                       const asio::ip::address& source,
                                                       const asio::ip::tcp::endpoint& target,
                                                       std::chrono::milliseconds timeout) {
    boost::system::error_code ec;
    socket.open(target.protocol(), ec);
    if (!ec && !source.is_unspecified()) {
        // Leave the port to connect(), which picks one free for this destination, so one
        // source address can carry far more than 28k connections over several targets.
        const asio::detail::socket_option::boolean<IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT> no_port(
            true);
        socket.set_option(no_port, ec);
        if (!ec) socket.bind(asio::ip::tcp::endpoint(source, 0), ec);
    }
    if (ec) co_return FailReason::other;
    CancelAfter guard(socket, timeout);
    co_await socket.async_connect(target, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return connect_failure(ec, guard.fired());
    socket.set_option(asio::ip::tcp::no_delay(true), ec);  // small exchanges: no Nagle delay
    co_return std::nullopt;
}

asio::awaitable<ExchangeOutcome> tcp_exchange(asio::ip::tcp::socket& socket, std::string& buffer,
                                              const std::string& message,
                                              std::chrono::milliseconds timeout) {
    const auto sent_at = std::chrono::steady_clock::now();
    const std::string line = message + "\n";
    CancelAfter guard(socket, timeout);
    boost::system::error_code ec;
    co_await asio::async_write(socket, asio::buffer(line),
                               asio::redirect_error(asio::use_awaitable, ec));
    std::size_t length = 0;
    if (!ec)
        length = co_await asio::async_read_until(
            socket, asio::dynamic_buffer(buffer, 2 * kMaxEchoMessage), '\n',
            asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return ExchangeOutcome{guard.fired() ? Status::timeout : Status::reset, {}, {}};
    const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - sent_at);
    const auto reply = parse_echo_reply(std::string_view(buffer).substr(0, length - 1));
    buffer.erase(0, length);
    if (!reply || reply->message != message)
        co_return ExchangeOutcome{Status::wrong_content, reply ? reply->server : "", latency};
    co_return ExchangeOutcome{Status::ok, reply->server, latency};
}

}  // namespace shoal::tools
