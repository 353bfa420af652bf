// SPDX-License-Identifier: MIT
#include "api/api_server.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/response.h"
#include "api/router.h"
#include "base/asio_endpoint.h"

namespace shoal::api {

// The server's parts, private to it: one accept loop per endpoint (ApiListener) and one
// session per connection (ApiSession), each instantiated for the Unix socket and for TCP.

struct SessionLimits {
    std::uint64_t body_limit = 1024 * 1024;
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
};

// One connection: reads HTTP/1.1 requests (kept alive), routes each through the Router and
// writes its answer.
template <class Protocol>
class ApiSession : public std::enable_shared_from_this<ApiSession<Protocol>> {
  public:
    using Stream = boost::beast::basic_stream<Protocol>;

    ApiSession(typename Protocol::socket socket, std::shared_ptr<const Router> router,
               SessionLimits limits);

    void start();
    // Closes the connection; pending handlers and late async answers end without effect.
    void close();

  private:
    void read_request();
    void on_read(boost::beast::error_code ec);
    void answer(Response response, unsigned version, bool keep_alive);
    void on_write(boost::beast::error_code ec, bool keep_alive);

    Stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    boost::beast::http::response<boost::beast::http::string_body> response_;
    std::shared_ptr<const Router> router_;
    SessionLimits limits_;
    bool closed_ = false;
};

// An accept loop for the control API on one endpoint (Unix socket or TCP). Shared with its
// pending handlers so it outlives the ApiServer while the io_context still holds them.
template <class Protocol>
class ApiListener : public std::enable_shared_from_this<ApiListener<Protocol>> {
  public:
    // address names the endpoint in errors and logs ("control socket /run/shoal/shoald.sock").
    ApiListener(boost::asio::io_context& io, std::shared_ptr<const Router> router,
                SessionLimits limits, std::string address);

    // Opens, binds, runs after_bind (e.g. chmod of the socket file, before anyone can
    // connect), listens and starts accepting. Throws ServerError naming the failing step.
    // v6_only: an IPv6 TCP address takes IPv6 only (IPV6_V6ONLY), not IPv4 as well.
    void listen(const typename Protocol::endpoint& endpoint,
                const std::function<void()>& after_bind = {}, bool v6_only = false);
    // Closes the acceptor and every open connection.
    void stop();

    typename Protocol::endpoint local_endpoint() const;

  private:
    void accept();
    void on_accept(boost::system::error_code ec, typename Protocol::socket socket);

    typename Protocol::acceptor acceptor_;
    boost::asio::steady_timer retry_timer_;
    std::shared_ptr<const Router> router_;
    SessionLimits limits_;
    std::string address_;
    std::vector<std::weak_ptr<ApiSession<Protocol>>> sessions_;
    bool stopped_ = false;
};

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

bool is_client_gone(beast::error_code ec) {
    return ec == http::error::end_of_stream || ec == beast::error::timeout ||
           ec == boost::asio::error::connection_reset || ec == boost::asio::error::eof;
}

}  // namespace

template <class Protocol>
ApiSession<Protocol>::ApiSession(typename Protocol::socket socket,
                                 std::shared_ptr<const Router> router, SessionLimits limits)
    : stream_(std::move(socket)), router_(std::move(router)), limits_(limits) {}

template <class Protocol>
void ApiSession<Protocol>::start() {
    read_request();
}

template <class Protocol>
void ApiSession<Protocol>::close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(Protocol::socket::shutdown_both, ignored);
    stream_.close();
}

template <class Protocol>
void ApiSession<Protocol>::read_request() {
    parser_.emplace();
    parser_->body_limit(limits_.body_limit);
    stream_.expires_after(limits_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         self->on_read(ec);
                     });
}

template <class Protocol>
void ApiSession<Protocol>::on_read(beast::error_code ec) {
    if (closed_ || ec == boost::asio::error::operation_aborted) return;
    if (ec == http::error::body_limit) {
        answer(error_response(http::status::payload_too_large,
                              fmt::format("request body over {} bytes", limits_.body_limit)),
               11, false);
        return;
    }
    if (ec) {
        if (!is_client_gone(ec)) {
            // A malformed request: say so, then hang up (the stream is out of sync).
            router_->report(
                {LogLevel::debug, "api_request_unreadable", "", "", "", 400, ec.message()});
            answer(error_response(http::status::bad_request,
                                  "malformed HTTP request: " + ec.message()),
                   11, false);
            return;
        }
        close();
        return;
    }
    const auto& request = parser_->get();
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    const auto target = request.target();
    stream_.expires_never();
    // Answers may come from another thread (async handlers): hop back onto our executor.
    router_->dispatch(
        request.method(), std::string_view(target.data(), target.size()), request.body(),
        [self = this->shared_from_this(), version, keep_alive](Response response) {
            auto executor = self->stream_.get_executor();
            boost::asio::post(
                executor, [self, version, keep_alive, response = std::move(response)]() mutable {
                    self->answer(std::move(response), version, keep_alive);
                });
        });
}

template <class Protocol>
void ApiSession<Protocol>::answer(Response response, unsigned version, bool keep_alive) {
    if (closed_) return;
    response_ = {};
    response_.result(response.status);
    response_.version(version);
    response_.set(http::field::server, "shoald");
    response_.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : response.headers) response_.set(name, value);
    response_.keep_alive(keep_alive);
    if (response.text) {
        response_.body() = std::move(*response.text);
    } else {
        // Replace, not throw, on invalid UTF-8 (a handler echoing raw bytes of a path).
        response_.body() =
            response.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    response_.prepare_payload();
    stream_.expires_after(limits_.idle_timeout);
    http::async_write(stream_, response_,
                      [self = this->shared_from_this(), keep_alive](
                          beast::error_code ec, std::size_t) { self->on_write(ec, keep_alive); });
}

template <class Protocol>
void ApiSession<Protocol>::on_write(beast::error_code ec, bool keep_alive) {
    if (closed_ || ec == boost::asio::error::operation_aborted) return;
    if (ec || !keep_alive) {
        close();
        return;
    }
    read_request();
}

template <class Protocol>
ApiListener<Protocol>::ApiListener(boost::asio::io_context& io,
                                   std::shared_ptr<const Router> router, SessionLimits limits,
                                   std::string address)
    : acceptor_(io),
      retry_timer_(io),
      router_(std::move(router)),
      limits_(limits),
      address_(std::move(address)) {}

template <class Protocol>
void ApiListener<Protocol>::listen(const typename Protocol::endpoint& endpoint,
                                   const std::function<void()>& after_bind, bool v6_only) {
    boost::system::error_code ec;
    auto check = [&](std::string_view step) {
        if (ec) throw ServerError(fmt::format("{}: {}: {}", address_, step, ec.message()));
    };
    acceptor_.open(endpoint.protocol(), ec);
    check("socket");
    if constexpr (std::is_same_v<Protocol, boost::asio::ip::tcp>) {
        acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
        check("setsockopt SO_REUSEADDR");
        if (v6_only && endpoint.address().is_v6()) {
            acceptor_.set_option(boost::asio::ip::v6_only(true), ec);
            check("setsockopt IPV6_V6ONLY");
        }
    }
    acceptor_.bind(endpoint, ec);
    check("bind");
    if (after_bind) after_bind();
    acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
    check("listen");
    accept();
}

template <class Protocol>
void ApiListener<Protocol>::stop() {
    stopped_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    for (const auto& weak : sessions_) {
        if (auto session = weak.lock()) session->close();
    }
    sessions_.clear();
}

template <class Protocol>
typename Protocol::endpoint ApiListener<Protocol>::local_endpoint() const {
    boost::system::error_code ec;
    return acceptor_.local_endpoint(ec);
}

template <class Protocol>
void ApiListener<Protocol>::accept() {
    acceptor_.async_accept([self = this->shared_from_this()](boost::system::error_code ec,
                                                             typename Protocol::socket socket) {
        self->on_accept(ec, std::move(socket));
    });
}

template <class Protocol>
void ApiListener<Protocol>::on_accept(boost::system::error_code ec,
                                      typename Protocol::socket socket) {
    if (stopped_ || ec == boost::asio::error::operation_aborted) return;
    if (ec) {
        // EMFILE and friends: retry shortly instead of spinning on the same error.
        router_->report({LogLevel::warn, "api_accept_failed", address_, "", "", 0, ec.message()});
        retry_timer_.expires_after(std::chrono::milliseconds(100));
        retry_timer_.async_wait([self = this->shared_from_this()](boost::system::error_code ec) {
            if (!ec && !self->stopped_) self->accept();
        });
        return;
    }
    std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
    auto session = std::make_shared<ApiSession<Protocol>>(std::move(socket), router_, limits_);
    sessions_.push_back(session);
    session->start();
    accept();
}

using boost::asio::ip::tcp;
using boost::asio::local::stream_protocol;

ApiServer::ApiServer(boost::asio::io_context& io, Router router, ApiServerOptions options)
    : io_(io), router_(std::make_shared<const Router>(std::move(router))), options_(options) {}

ApiServer::~ApiServer() { stop(); }

void ApiServer::listen_unix(const std::filesystem::path& path) {
    const std::string where = "control socket " + path.string();
    if (unix_listener_)
        throw ServerError(where + ": already listening on " + socket_path_.string());
    if (claim_socket_path(path) == SocketPathState::stale_removed)
        router_->report({LogLevel::warn, "api_stale_socket_removed", path.string(), "", "", 0, ""});
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
    router_->report({LogLevel::info, "api_listening", path.string(), "", "", 0, ""});
}

void ApiServer::listen_tcp(const tcp::endpoint& endpoint) {
    const std::string where = "control address " + to_string(endpoint);
    if (tcp_listener_) throw ServerError(where + ": already listening on TCP");
    const SessionLimits limits{options_.body_limit, options_.idle_timeout};
    auto listener = std::make_shared<ApiListener<tcp>>(io_, router_, limits, where);
    listener->listen(endpoint);
    tcp_listener_ = std::move(listener);
    router_->report({LogLevel::info, "api_listening", to_string(tcp_listener_->local_endpoint()),
                     "", "", 0, ""});
}

tcp::endpoint ApiServer::serve_tcp(const tcp::endpoint& endpoint, Router router,
                                   std::string_view what) {
    const std::string where = fmt::format("{} {}", what, to_string(endpoint));
    const SessionLimits limits{options_.body_limit, options_.idle_timeout};
    auto routes = std::make_shared<const Router>(std::move(router));
    auto listener = std::make_shared<ApiListener<tcp>>(io_, routes, limits, where);
    listener->listen(endpoint, {}, true);
    const auto bound = listener->local_endpoint();
    other_listeners_.push_back(std::move(listener));
    routes->report({LogLevel::info, "api_listening", to_string(bound), "", "", 0, ""});
    return bound;
}

void ApiServer::stop() {
    for (auto& listener : other_listeners_) listener->stop();
    other_listeners_.clear();
    if (tcp_listener_) {
        tcp_listener_->stop();
        tcp_listener_.reset();
    }
    if (unix_listener_) {
        unix_listener_->stop();
        unix_listener_.reset();
        if (const auto ec = remove_if_same(socket_path_, socket_identity_))
            router_->report({LogLevel::warn, "api_socket_remove_failed", socket_path_.string(), "",
                             "", 0, ec.message()});
        socket_identity_ = {};
    }
}

std::optional<tcp::endpoint> ApiServer::tcp_endpoint() const {
    if (!tcp_listener_) return std::nullopt;
    return tcp_listener_->local_endpoint();
}

}  // namespace shoal::api
