// SPDX-License-Identifier: MIT
// tcp: connections held for the duration; tcp_short: connect, one exchange, close.
#include "loadgen/load_modes.h"
#include "loadgen/tcp_exchange.h"

namespace shoal::tools {
namespace {

using Status = ExchangeOutcome::Status;

void close_gracefully(asio::ip::tcp::socket& socket) {
    boost::system::error_code ignored;  // the run is over for this socket either way
    socket.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
}

// Connects connection `id`; reports attempted and, on failure, failed. True when connected.
asio::awaitable<bool> open_connection(RunContext& context, asio::ip::tcp::socket& socket,
                                      std::uint64_t id) {
    context.report().attempted();
    const auto failure =
        co_await connect_tcp(socket, context.source_for(id), to_tcp(context.options().target),
                             context.options().connect_timeout);
    if (failure) context.report().failed(*failure);
    co_return !failure;
}

}  // namespace

asio::awaitable<void> hold_tcp_connection(RunContext& context, std::uint64_t id) {
    const auto executor = co_await asio::this_coro::executor;
    auto& report = context.report();
    asio::ip::tcp::socket socket(executor);

    co_await context.connect_limiter().acquire();
    bool connected = false;
    if (!context.stopping()) connected = co_await open_connection(context, socket, id);
    context.connect_limiter().release();
    if (!connected) co_return;
    report.established();

    std::string server;
    std::string buffer;
    asio::steady_timer pace(executor);
    auto next = RunContext::Clock::now();
    for (std::uint64_t seq = 0;; ++seq) {
        const auto outcome = co_await tcp_exchange(socket, buffer, context.message('c', id, seq),
                                                   context.options().timeout);
        const bool first = server.empty();
        if (first && outcome.status == Status::ok) report.first_answer(outcome.server);
        if (first) server = outcome.server;
        if (!record_held_exchange(report, outcome, server)) co_return;
        if (!co_await context.wait_for_next(pace, next)) break;
    }
    close_gracefully(socket);
    report.closed();
}

asio::awaitable<void> run_short_tcp_worker(RunContext& context) {
    const auto executor = co_await asio::this_coro::executor;
    auto& report = context.report();
    while (const auto id = context.take_next()) {
        asio::ip::tcp::socket socket(executor);
        if (!co_await open_connection(context, socket, *id)) continue;
        report.established();
        std::string buffer;
        const auto outcome = co_await tcp_exchange(socket, buffer, context.message('c', *id, 0),
                                                   context.options().timeout);
        if (outcome.status == Status::ok) {
            report.first_answer(outcome.server);
            report.exchanged(outcome.server, outcome.latency);
        } else {
            report.broken(to_break_reason(outcome.status), outcome.server);
        }
        close_gracefully(socket);
        report.closed();
    }
}

}  // namespace shoal::tools
