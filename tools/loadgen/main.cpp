// SPDX-License-Identifier: MIT
// shoal-loadgen: holds or opens connections to a VIP, checks every echo, reports what broke.
// Exit status: 0 nothing failed or broke, 3 something did, 1 could not run, 2 usage error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iostream>

#include "common/asio.h"
#include "common/fd_limit.h"
#include "loadgen/bulk_mode.h"
#include "loadgen/load_modes.h"
#include "loadgen/load_options.h"
#include "loadgen/run_control.h"

namespace {

using namespace shoal::tools;

constexpr int kExitBroken = 3;

bool is_held(LoadMode mode) { return mode == LoadMode::tcp || mode == LoadMode::udp; }

asio::awaitable<void> connection(RunContext& context, std::uint64_t index) {
    switch (context.options().mode) {
        case LoadMode::tcp:
            return hold_tcp_connection(context, index);
        case LoadMode::udp:
            return hold_udp_session(context, index);
        case LoadMode::tcp_short:
            return run_short_tcp_worker(context);
        case LoadMode::udp_short:
            return run_short_udp_worker(context);
        case LoadMode::bulk:
            break;  // run_bulk, not a connection coroutine
    }
    throw std::logic_error("unknown load mode");
}

LoadReport run(const LoadOptions& options) {
    LoadReport report(to_string(options.mode), options.target.to_string(), options.connections);
    asio::io_context io(1);
    RunContext context(io, options, report);
    RunControl control(context);

    const std::uint64_t coroutines =
        is_held(options.mode) ? options.connections
                              : std::min<std::uint64_t>(options.concurrency, options.connections);
    std::uint64_t remaining = coroutines;
    std::exception_ptr failure;
    for (std::uint64_t i = 0; i < coroutines; ++i) {
        asio::co_spawn(io, connection(context, i), [&](std::exception_ptr error) {
            if (error && !failure) failure = error;
            if (--remaining == 0) control.finish();
        });
    }
    control.start();
    ::alarm(static_cast<unsigned>(options.hard_deadline().count() / 1000 + 10));  // backstop
    io.run();
    ::alarm(0);
    if (failure) std::rethrow_exception(failure);
    if (control.stopped_hard()) report.abandon_open();
    report.finish(context.elapsed_s(), context.stop_requested(), control.deadline_hit());
    return report;
}

void add_options(CLI::App& app, LoadOptions& options, std::string& mode, std::string& target,
                 std::string& sources) {
    app.add_option("--mode", mode, "tcp | tcp-short | udp | udp-short | bulk")->capture_default_str();
    app.add_option("--target", target, "VIP:PORT or [VIP6]:PORT")->required();
    app.add_option("--source", sources, "bind to these addresses, round robin: ADDR or FIRST-LAST");
    app.add_option("-n,--connections", options.connections,
                   "held modes: connections/sessions held; short modes: connections/requests made")
        ->check(CLI::Range(1ull, 1000000ull))
        ->capture_default_str();
    app.add_option("--concurrency", options.concurrency, "short modes: in flight at once")
        ->check(CLI::Range(1u, 10000u))
        ->capture_default_str();
    app.add_option("--connect-concurrency", options.connect_concurrency,
                   "held modes: handshakes in flight at once")
        ->check(CLI::Range(1u, 10000u))
        ->capture_default_str();
    app.add_option("--size", options.message_size, "bytes per message")
        ->check(CLI::Range(8, 4000))
        ->capture_default_str();
}

// --mode bulk's options (bulk_mode.h).
void add_bulk_options(CLI::App& app, LoadOptions& options, std::vector<std::string>& flows,
                      std::string& direction, unsigned& stall_ms) {
    app.add_option("--flow", flows, "bulk: one transfer from this source ADDR:PORT; repeatable");
    app.add_option("--bytes", options.bulk_bytes, "bulk: bytes per direction per flow")
        ->check(CLI::Range(std::uint64_t{1}, kMaxBulkBytes))
        ->capture_default_str();
    app.add_option("--direction", direction, "bulk: down | up | both (download first)")
        ->check(CLI::IsMember({"down", "up", "both"}))
        ->capture_default_str();
    app.add_option("--stall", stall_ms, "bulk: a transfer with no progress for this many ms fails")
        ->check(CLI::Range(100u, 600000u))
        ->capture_default_str();
    app.add_option("--mss", options.mss, "bulk: the client's TCP MSS (TCP_MAXSEG); 0: the kernel's")
        ->check(CLI::Range(0u, 65495u))
        ->capture_default_str();
}

// Exit status of a bulk run: 0 every transfer completed, 3 one did not.
int print_bulk(const LoadOptions& options) {
    const BulkReport report = run_bulk(options);
    if (options.json)
        std::cout << report.to_json().dump(2) << "\n";
    else
        std::cout << report.summary();
    return report.complete_count() == report.flows.size() ? 0 : kExitBroken;
}

}  // namespace

int main(int argc, char** argv) {
    LoadOptions options;
    std::string mode = "tcp";
    std::string target;
    std::string sources;
    unsigned interval_ms = 100, duration_s = 10, timeout_ms = 2000, connect_timeout_ms = 3000,
             deadline_s = 0;
    CLI::App app{"shoal-loadgen: load a VIP with checked echo exchanges and report what broke"};
    add_options(app, options, mode, target, sources);
    std::vector<std::string> flows;
    std::string direction = "both";
    unsigned stall_ms = 5000;
    add_bulk_options(app, options, flows, direction, stall_ms);
    app.add_option("--interval", interval_ms, "held modes: ms between a connection's exchanges")
        ->check(CLI::Range(1u, 600000u))
        ->capture_default_str();
    app.add_option("--duration", duration_s, "held: seconds to hold; short: at most this long")
        ->check(CLI::Range(1u, 86400u))
        ->capture_default_str();
    app.add_option("--timeout", timeout_ms, "ms to wait for a reply")
        ->check(CLI::Range(1u, 600000u))
        ->capture_default_str();
    app.add_option("--connect-timeout", connect_timeout_ms, "ms to wait for a TCP handshake")
        ->check(CLI::Range(1u, 600000u))
        ->capture_default_str();
    app.add_option("--deadline", deadline_s,
                   "hard stop after this many seconds (default: duration + timeouts + 5)")
        ->check(CLI::Range(0u, 90000u));
    app.add_flag("--progress", options.progress, "a progress line on stderr every second");
    app.add_flag("--json", options.json, "print the report as JSON on stdout");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;  // usage errors exit 2, like shoalctl
    }

    try {
        const auto parsed_mode = parse_load_mode(mode);
        if (!parsed_mode) throw CLI::ValidationError("--mode", "'" + mode + "' is not a mode");
        options.mode = *parsed_mode;
        options.target = parse_endpoint(target);
        if (!sources.empty()) {
            options.sources = SourceRange::parse(sources);
            if (options.sources->is_v6() != options.target.address.is_v6())
                throw std::invalid_argument("--source " + sources +
                                            ": not the same family as --target " + target);
        }
        for (const auto& text : flows) {
            options.flows.push_back(parse_endpoint(text));
            if (options.flows.back().address.is_v6() != options.target.address.is_v6())
                throw std::invalid_argument("--flow " + text + ": not the same family as --target " + target);
        }
        if ((options.mode == LoadMode::bulk) != !options.flows.empty())
            throw std::invalid_argument("--flow goes with --mode bulk, and --mode bulk needs --flow");
        if (direction != "both")
            options.bulk_directions = {direction == "down" ? BulkDirection::down : BulkDirection::up};
    } catch (const CLI::ValidationError& error) {
        app.exit(error);
        return 2;
    } catch (const std::invalid_argument& error) {
        std::cerr << "shoal-loadgen: " << error.what() << "\n";
        return 2;
    }
    options.interval = std::chrono::milliseconds(interval_ms);
    options.duration = std::chrono::seconds(duration_s);
    options.timeout = std::chrono::milliseconds(timeout_ms);
    options.connect_timeout = std::chrono::milliseconds(connect_timeout_ms);
    options.deadline = std::chrono::seconds(deadline_s);
    options.stall = std::chrono::milliseconds(stall_ms);

    try {
        raise_fd_limit();
        if (options.mode == LoadMode::bulk) return print_bulk(options);
        const LoadReport report = run(options);
        if (options.json)
            std::cout << report.to_json(0, false).dump(2) << "\n";
        else
            std::cout << report.summary();
        return report.broken_count() == 0 && report.failed_count() == 0 ? 0 : kExitBroken;
    } catch (const std::exception& error) {
        std::cerr << "shoal-loadgen: " << error.what() << "\n";
        return 1;
    }
}
