// SPDX-License-Identifier: MIT
// shoal-echo: the lab's test service. TCP and UDP echo bound to the VIPs, whose answers name
// the server ("srv3 hello"), UDP sessions pinned to connected sockets, and an HTTP responder
// for health checks. Runs until SIGTERM or SIGINT.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <vector>

#include "base/asio_endpoint.h"
#include "common/asio.h"
#include "common/fd_limit.h"
#include "echo/http_health_server.h"
#include "echo/tcp_echo_server.h"
#include "echo/udp_echo_server.h"
#include "echo/udp_session_server.h"

namespace {

using namespace shoal::tools;

struct EchoOptions {
    std::string name;
    std::vector<std::string> tcp;
    std::vector<std::string> udp;
    std::vector<std::string> udp_session;
    std::vector<std::string> http;
    unsigned session_idle_s = 30;
    std::size_t max_sessions = 65536;
};

// Every listener of the process; stop() closes them all.
struct Services {
    std::vector<std::unique_ptr<TcpEchoServer>> tcp;
    std::vector<std::unique_ptr<UdpEchoServer>> udp;
    std::vector<std::unique_ptr<UdpSessionServer>> udp_session;
    std::vector<std::unique_ptr<HttpHealthServer>> http;

    void stop() {
        for (auto& s : tcp) s->stop();
        for (auto& s : udp) s->stop();
        for (auto& s : udp_session) s->stop();
        for (auto& s : http) s->stop();
    }
};

Services open_services(asio::io_context& io, const EchoOptions& options) {
    Services services;
    const UdpSessionServer::Limits limits{std::chrono::seconds(options.session_idle_s),
                                          options.max_sessions};
    for (const auto& text : options.tcp)
        services.tcp.push_back(std::make_unique<TcpEchoServer>(
            io, shoal::to_tcp(shoal::Endpoint::parse(text)), options.name));
    for (const auto& text : options.udp)
        services.udp.push_back(std::make_unique<UdpEchoServer>(
            io, shoal::to_udp(shoal::Endpoint::parse(text)), options.name));
    for (const auto& text : options.udp_session)
        services.udp_session.push_back(std::make_unique<UdpSessionServer>(
            io, shoal::to_udp(shoal::Endpoint::parse(text)), options.name, limits));
    for (const auto& text : options.http)
        services.http.push_back(std::make_unique<HttpHealthServer>(
            io, shoal::to_tcp(shoal::Endpoint::parse(text)), options.name));
    return services;
}

}  // namespace

int main(int argc, char** argv) {
    EchoOptions options;
    CLI::App app{"shoal-echo: TCP/UDP echo whose replies name the server (\"NAME message\")"};
    app.add_option("--name", options.name, "server name put in front of every reply")
        ->required()
        ->check([](const std::string& name) {
            return name.empty() || name.find(' ') != std::string::npos ? "no spaces, not empty"
                                                                       : "";
        });
    app.add_option("--tcp", options.tcp, "TCP line echo on ADDR:PORT ([IPV6]:PORT); repeatable");
    app.add_option("--udp", options.udp, "UDP datagram echo on ADDR:PORT; repeatable");
    app.add_option("--udp-session", options.udp_session,
                   "UDP echo answering each client from a connected socket; repeatable");
    app.add_option("--http", options.http, "HTTP 200 responder for health checks; repeatable");
    app.add_option("--session-idle", options.session_idle_s,
                   "seconds before an idle UDP session's socket closes")
        ->check(CLI::Range(1u, 86400u));
    app.add_option("--max-sessions", options.max_sessions, "UDP sessions per address at most");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;  // usage errors exit 2, like shoalctl
    }
    if (options.tcp.empty() && options.udp.empty() && options.udp_session.empty() &&
        options.http.empty()) {
        std::cerr << "shoal-echo: nothing to serve: give --tcp, --udp, --udp-session or --http\n";
        return 2;
    }

    try {
        raise_fd_limit();
        asio::io_context io(1);
        Services services = open_services(io, options);
        for (auto& s : services.tcp) s->start();
        for (auto& s : services.udp) s->start();
        for (auto& s : services.udp_session) s->start();
        for (auto& s : services.http) s->start();

        asio::signal_set signals(io, SIGTERM, SIGINT);
        signals.async_wait([&](boost::system::error_code ec, int signal) {
            if (ec) return;
            std::cerr << "shoal-echo: name=" << options.name << " signal=" << signal
                      << " stopping\n";
            services.stop();
            io.stop();
        });
        std::cerr << "shoal-echo: name=" << options.name << " ready tcp=" << options.tcp.size()
                  << " udp=" << options.udp.size() << " udp_session=" << options.udp_session.size()
                  << " http=" << options.http.size() << "\n";
        io.run();
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "shoal-echo: " << error.what() << "\n";
        return 1;
    }
}
