// SPDX-License-Identifier: MIT
// udp: sessions held for the duration, each a client socket connected to the VIP (so only
// replies from the VIP count); udp_short: one request per fresh socket.
#include <array>
#include <charconv>

#include "common/echo_protocol.h"
#include "loadgen/cancel_after.h"
#include "loadgen/load_modes.h"
#include "loadgen/tcp_exchange.h"

namespace shoal::tools {
namespace {

using Status = ExchangeOutcome::Status;

// A reply to an earlier request of this session (it came after that request timed out).
bool answers_earlier(std::string_view reply, std::string_view session_prefix, std::uint64_t seq) {
    if (!reply.starts_with(session_prefix)) return false;
    reply.remove_prefix(session_prefix.size());
    std::uint64_t earlier = 0;
    const auto [end, ec] = std::from_chars(reply.data(), reply.data() + reply.size(), earlier);
    return ec == std::errc{} && end != reply.data() && earlier < seq;
}

asio::awaitable<ExchangeOutcome> udp_exchange(RunContext& context, asio::ip::udp::socket& socket,
                                              std::uint64_t id, std::uint64_t seq) {
    const std::string message = context.message('u', id, seq);
    const std::string session_prefix = "u" + std::to_string(id) + " s";
    const auto sent_at = std::chrono::steady_clock::now();
    CancelAfter guard(socket, context.options().timeout);
    boost::system::error_code ec;
    co_await socket.async_send(asio::buffer(message),
                               asio::redirect_error(asio::use_awaitable, ec));
    std::array<char, 2 * kMaxEchoMessage> datagram{};  // lives in the frame: keep it small
    while (!ec) {
        const std::size_t length = co_await socket.async_receive(
            asio::buffer(datagram), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        const auto reply = parse_echo_reply(std::string_view(datagram.data(), length));
        if (reply && answers_earlier(reply->message, session_prefix, seq)) continue;
        const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - sent_at);
        if (!reply || reply->message != message)
            co_return ExchangeOutcome{Status::wrong_content, reply ? reply->server : "", latency};
        co_return ExchangeOutcome{Status::ok, reply->server, latency};
    }
    co_return ExchangeOutcome{guard.fired() ? Status::timeout : Status::reset, {}, {}};
}

// A socket bound to this session's source address and connected to the target.
std::optional<FailReason> open_session(RunContext& context, asio::ip::udp::socket& socket,
                                       std::uint64_t id) {
    const auto target = to_udp(context.options().target);
    const auto source = context.source_for(id);
    boost::system::error_code ec;
    socket.open(target.protocol(), ec);
    if (!ec && !source.is_unspecified()) socket.bind(asio::ip::udp::endpoint(source, 0), ec);
    if (!ec) socket.connect(target, ec);
    if (ec == asio::error::network_unreachable || ec == asio::error::host_unreachable)
        return FailReason::unreachable;
    if (ec) return FailReason::other;
    return std::nullopt;
}

}  // namespace

asio::awaitable<void> hold_udp_session(RunContext& context, std::uint64_t id) {
    const auto executor = co_await asio::this_coro::executor;
    auto& report = context.report();
    asio::ip::udp::socket socket(executor);

    co_await context.connect_limiter().acquire();
    if (context.stopping()) {
        context.connect_limiter().release();
        co_return;
    }
    report.attempted();
    auto failure = open_session(context, socket, id);
    ExchangeOutcome outcome;
    if (!failure) {
        outcome = co_await udp_exchange(context, socket, id, 0);
        if (outcome.status != Status::ok) failure = to_fail_reason(outcome.status);
    }
    context.connect_limiter().release();
    if (failure) {
        report.failed(*failure);
        co_return;
    }
    report.established();
    const std::string server = outcome.server;
    report.first_answer(server);
    report.exchanged(server, outcome.latency);

    asio::steady_timer pace(executor);
    auto next = RunContext::Clock::now();
    for (std::uint64_t seq = 1;; ++seq) {
        if (!co_await context.wait_for_next(pace, next)) break;
        outcome = co_await udp_exchange(context, socket, id, seq);
        if (!record_held_exchange(report, outcome, server)) co_return;
    }
    report.closed();
}

asio::awaitable<void> run_short_udp_worker(RunContext& context) {
    const auto executor = co_await asio::this_coro::executor;
    auto& report = context.report();
    while (const auto id = context.take_next()) {
        asio::ip::udp::socket socket(executor);
        report.attempted();
        if (const auto failure = open_session(context, socket, *id)) {
            report.failed(*failure);
            continue;
        }
        const auto outcome = co_await udp_exchange(context, socket, *id, 0);
        if (outcome.status != Status::ok) {
            report.failed(to_fail_reason(outcome.status));
            continue;
        }
        report.established();
        report.first_answer(outcome.server);
        report.exchanged(outcome.server, outcome.latency);
        report.closed();
    }
}

}  // namespace shoal::tools
