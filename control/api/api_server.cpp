// SPDX-License-Identifier: MIT
#include "api/api_server.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "api/api_listener.h"
#include "api/server_error.h"

namespace shoal::api {

using boost::asio::ip::tcp;
using boost::asio::local::stream_protocol;

namespace {

std::string describe(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    return address.is_v6() ? fmt::format("[{}]:{}", address.to_string(), endpoint.port())
                           : fmt::format("{}:{}", address.to_string(), endpoint.port());
}

}  // namespace

ApiServer::ApiServer(boost::asio::io_context& io, Router router, ApiServerOptions options)
    : io_(io), router_(std::make_shared<const Router>(std::move(router))), options_(options) {}

ApiServer::~ApiServer() { stop(); }

void ApiServer::listen_unix(const std::filesystem::path& path) {
    const std::string where = "control socket " + path.string();
    if (unix_listener_)
        throw ServerError(where + ": already listening on " + socket_path_.string());
    if (claim_socket_path(path) == SocketPathState::stale_removed)
        router_->report(
            {ApiLogLevel::warn, "api_stale_socket_removed", path.string(), "", "", 0, ""});
    const SessionLimits limits{options_.body_limit, options_.idle_timeout};
    auto listener = std::make_shared<ApiListener<stream_protocol>>(io_, router_, limits, where);
    try {
        listener->listen(stream_protocol::endpoint(path.string()), [&] {
            socket_identity_ = identity_of(path);
            if (::chmod(path.c_str(), options_.socket_mode) != 0)
                throw ServerError(fmt::format("{}: chmod {:04o}: {}", where, options_.socket_mode,
                                              std::strerror(errno)));
        });
    } catch (const ServerError&) {
        // Leave no file behind that the next start would have to call stale.
        remove_if_same(path, socket_identity_);
        socket_identity_ = {};
        throw;
    }
    socket_path_ = path;
    unix_listener_ = std::move(listener);
    router_->report({ApiLogLevel::info, "api_listening", path.string(), "", "", 0, ""});
}

void ApiServer::listen_tcp(const tcp::endpoint& endpoint) {
    const std::string where = "control address " + describe(endpoint);
    if (tcp_listener_) throw ServerError(where + ": already listening on TCP");
    const SessionLimits limits{options_.body_limit, options_.idle_timeout};
    auto listener = std::make_shared<ApiListener<tcp>>(io_, router_, limits, where);
    listener->listen(endpoint);
    tcp_listener_ = std::move(listener);
    router_->report({ApiLogLevel::info, "api_listening", describe(tcp_listener_->local_endpoint()),
                     "", "", 0, ""});
}

void ApiServer::stop() {
    if (tcp_listener_) {
        tcp_listener_->stop();
        tcp_listener_.reset();
    }
    if (unix_listener_) {
        unix_listener_->stop();
        unix_listener_.reset();
        if (const auto ec = remove_if_same(socket_path_, socket_identity_))
            router_->report({ApiLogLevel::warn, "api_socket_remove_failed", socket_path_.string(),
                             "", "", 0, ec.message()});
        socket_identity_ = {};
    }
}

std::optional<tcp::endpoint> ApiServer::tcp_endpoint() const {
    if (!tcp_listener_) return std::nullopt;
    return tcp_listener_->local_endpoint();
}

}  // namespace shoal::api
