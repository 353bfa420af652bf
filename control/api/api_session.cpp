// SPDX-License-Identifier: MIT
#include "api/api_session.h"

#include <fmt/format.h>

#include <boost/asio/post.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace shoal::api {

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
                {ApiLogLevel::debug, "api_request_unreadable", "", "", "", 400, ec.message()});
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
    // Replace, not throw, on invalid UTF-8 (a handler echoing raw bytes of a path).
    response_.body() =
        response.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
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

template class ApiSession<boost::asio::local::stream_protocol>;
template class ApiSession<boost::asio::ip::tcp>;

}  // namespace shoal::api
