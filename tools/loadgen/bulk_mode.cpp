// SPDX-License-Identifier: MIT
#include "loadgen/bulk_mode.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <vector>
#include <exception>
#include <fmt/format.h>

#include "common/echo_protocol.h"
#include "loadgen/cancel_after.h"
#include "loadgen/progress_watch.h"
#include "loadgen/tcp_progress.h"

namespace shoal::tools {
namespace {

using Clock = std::chrono::steady_clock;
using asio::ip::tcp;
constexpr std::size_t kChunk = 64 * 1024;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Binds to exactly `source` (SO_REUSEADDR: a port whose last connection was reset is free at
// once), sets the MSS if asked, connects. "" on success, else why not.
asio::awaitable<std::string> connect_from(tcp::socket& socket, const tcp::endpoint& source,
                                          const LoadOptions& options) {
    boost::system::error_code ec;
    socket.open(options.target.tcp().protocol(), ec);
    if (!ec) socket.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) socket.bind(source, ec);
    if (ec) co_return "bind " + to_string(source) + ": " + ec.message();
    if (options.mss > 0) {
        const int mss = static_cast<int>(options.mss);
        if (::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_MAXSEG, &mss, sizeof(mss)) != 0)
            co_return "TCP_MAXSEG " + std::to_string(mss) + " refused";
    }
    CancelAfter guard(socket, options.connect_timeout);
    co_await socket.async_connect(options.target.tcp(), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return guard.fired() ? std::string("connect: timeout") : "connect: " + ec.message();
    socket.set_option(tcp::no_delay(true), ec);  // the command lines go out at once
    co_return "";
}

std::string failure(const boost::system::error_code& ec, const ProgressWatch& watch,
                    const LoadOptions& options) {
    if (watch.stalled())
        return fmt::format("stalled: no progress for {:g} s", double(options.stall.count()) / 1000);
    if (watch.deadline_hit()) return "deadline";
    return ec.message();
}

// Sends the command line and reads the server's reply line, which must be "NAME command".
asio::awaitable<std::string> command_exchange(tcp::socket& socket, std::string& buffer, BulkFlow& flow,
                                              const std::string& command, bool send_first) {
    boost::system::error_code ec;
    if (send_first) {
        const std::string line = command + "\n";
        co_await asio::async_write(socket, asio::buffer(line), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return ec.message();
    }
    const std::size_t length = co_await asio::async_read_until(
        socket, asio::dynamic_buffer(buffer, 2 * kMaxEchoMessage), '\n',
        asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return ec.message();
    const std::string line = buffer.substr(0, length - 1);
    buffer.erase(0, length);
    const auto reply = parse_echo_reply(line);
    if (!reply || reply->message != command) co_return "wrong reply '" + line + "'";
    if (flow.server.empty()) flow.server = reply->server;
    co_return "";
}

asio::awaitable<void> download(tcp::socket& socket, std::string& buffer, BulkFlow& flow, BulkLeg& leg,
                               const LoadOptions& options, Clock::time_point deadline) {
    const auto started = Clock::now();
    ProgressWatch watch(socket, [&leg] { return leg.done; }, options.stall, deadline);
    const std::string command = make_bulk_command({BulkDirection::down, leg.bytes});
    if (auto error = co_await command_exchange(socket, buffer, flow, command, true); !error.empty()) {
        leg.error = watch.stalled() || watch.deadline_hit() ? failure({}, watch, options) : error;
        co_return;
    }
    std::vector<unsigned char> chunk(kChunk);  // on the heap: coroutine frames stay small
    const auto take = [&](const unsigned char* data, std::size_t size) {
        if (auto at = bulk_pattern_mismatch(data, size, leg.done)) {
            leg.error = fmt::format("content differs at byte {}", leg.done + *at);
            return false;
        }
        leg.done += size;
        return true;
    };
    const auto buffered = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), leg.bytes));
    if (!take(reinterpret_cast<const unsigned char*>(buffer.data()), buffered)) co_return;
    buffer.erase(0, buffered);
    boost::system::error_code ec;
    while (leg.done < leg.bytes) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), leg.bytes - leg.done));
        const std::size_t n = co_await socket.async_read_some(asio::buffer(chunk.data(), want),
                                                              asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            leg.error = failure(ec, watch, options);
            co_return;
        }
        if (!take(chunk.data(), n)) co_return;
    }
    leg.complete = true;
    leg.seconds = seconds_since(started);
}

asio::awaitable<void> upload(tcp::socket& socket, std::string& buffer, BulkFlow& flow, BulkLeg& leg,
                             const LoadOptions& options, Clock::time_point deadline) {
    const auto started = Clock::now();
    const std::string command = make_bulk_command({BulkDirection::up, leg.bytes});
    const int fd = socket.native_handle();
    // Acknowledged bytes of this upload: the connection's total, less what went before it.
    const auto before = read_tcp_progress(fd);
    const std::uint64_t base = (before ? before->bytes_acked : 0) + command.size() + 1;
    const auto acked = [&leg, fd, base] {
        const auto now = read_tcp_progress(fd);
        if (now && now->bytes_acked > base) leg.done = std::min(now->bytes_acked - base, leg.bytes);
        return leg.done;
    };
    ProgressWatch watch(socket, acked, options.stall, deadline);
    boost::system::error_code ec;
    const std::string line = command + "\n";
    co_await asio::async_write(socket, asio::buffer(line), asio::redirect_error(asio::use_awaitable, ec));
    std::vector<unsigned char> chunk(kChunk);  // on the heap: coroutine frames stay small
    for (std::uint64_t sent = 0; !ec && sent < leg.bytes;) {
        const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), leg.bytes - sent));
        fill_bulk_pattern(chunk.data(), size, sent);
        co_await asio::async_write(socket, asio::buffer(chunk.data(), size),
                                   asio::redirect_error(asio::use_awaitable, ec));
        sent += size;
    }
    std::string error = ec ? failure(ec, watch, options) : "";
    if (error.empty()) error = co_await command_exchange(socket, buffer, flow, command, false);
    acked();
    if (!error.empty()) {
        leg.error = watch.stalled() || watch.deadline_hit() ? failure({}, watch, options) : error;
        co_return;
    }
    leg.done = leg.bytes;
    leg.complete = true;
    leg.seconds = seconds_since(started);
}

asio::awaitable<void> run_flow(BulkFlow& flow, tcp::endpoint source, const LoadOptions& options,
                               Clock::time_point deadline) {
    tcp::socket socket(co_await asio::this_coro::executor);
    flow.error = co_await connect_from(socket, source, options);
    flow.connected = flow.error.empty();
    std::string buffer;
    const BulkLeg* failed = nullptr;
    for (auto& leg : flow.legs) {
        if (!flow.connected) {
            leg.error = "not run: not connected";
        } else if (failed) {
            leg.error = fmt::format("not run: the {} transfer failed", to_string(failed->direction));
        } else {
            if (leg.direction == BulkDirection::down)
                co_await download(socket, buffer, flow, leg, options, deadline);
            else
                co_await upload(socket, buffer, flow, leg, options, deadline);
            if (!leg.complete) failed = &leg;
        }
    }
    if (!flow.connected) co_return;
    if (const auto info = read_tcp_progress(socket.native_handle())) {
        flow.pmtu = info->pmtu;
        flow.snd_mss = info->snd_mss;
    }
    // A reset leaves no TIME_WAIT behind: the next run may use the same 4-tuple at once.
    boost::system::error_code ignored;
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

}  // namespace

BulkReport run_bulk(const LoadOptions& options) {
    BulkReport report;
    report.target = options.target.to_string();
    report.bytes = options.bulk_bytes;
    asio::io_context io(1);
    const auto started = Clock::now();
    const auto deadline = started + options.hard_deadline();
    report.flows.resize(options.flows.size());
    std::exception_ptr error;
    for (std::size_t i = 0; i < options.flows.size(); ++i) {
        auto& flow = report.flows[i];
        flow.source = options.flows[i].to_string();
        for (auto direction : {BulkDirection::down, BulkDirection::up})
            if (options.bulk_directions.contains(direction)) {
                BulkLeg leg;
                leg.direction = direction;
                leg.bytes = options.bulk_bytes;
                flow.legs.push_back(std::move(leg));
            }
        asio::co_spawn(io, run_flow(flow, options.flows[i].tcp(), options, deadline),
                       [&error](std::exception_ptr e) {
                           if (e && !error) error = e;
                       });
    }
    ::alarm(static_cast<unsigned>(options.hard_deadline().count() / 1000 + 10));  // backstop
    io.run();
    ::alarm(0);
    if (error) std::rethrow_exception(error);
    report.elapsed_s = seconds_since(started);
    return report;
}

}  // namespace shoal::tools
