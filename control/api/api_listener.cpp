// SPDX-License-Identifier: MIT
#include "api/api_listener.h"

#include <fmt/format.h>

#include <chrono>

#include "api/server_error.h"

namespace shoal::api {

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
                                   const std::function<void()>& after_bind) {
    boost::system::error_code ec;
    auto check = [&](std::string_view step) {
        if (ec) throw ServerError(fmt::format("{}: {}: {}", address_, step, ec.message()));
    };
    acceptor_.open(endpoint.protocol(), ec);
    check("socket");
    if constexpr (std::is_same_v<Protocol, boost::asio::ip::tcp>) {
        acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
        check("setsockopt SO_REUSEADDR");
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
        router_->report(
            {ApiLogLevel::warn, "api_accept_failed", address_, "", "", 0, ec.message()});
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

template class ApiListener<boost::asio::local::stream_protocol>;
template class ApiListener<boost::asio::ip::tcp>;

}  // namespace shoal::api
