// SPDX-License-Identifier: MIT
#include "metrics/metrics_server.h"

#include <fmt/format.h>

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <vector>

#include "log/logger.h"
#include "metrics/listen_address.h"
#include "metrics/metrics_error.h"
#include "metrics/metrics_session.h"

namespace shoal::metrics {

using boost::asio::ip::tcp;

// The accept loop; shared with its pending handlers so it outlives the MetricsServer if the
// io_context still holds them.
class MetricsListener : public std::enable_shared_from_this<MetricsListener> {
  public:
    MetricsListener(boost::asio::io_context& io, Registry& registry)
        : acceptor_(io), retry_timer_(io), registry_(registry) {}

    void listen(const tcp::endpoint& endpoint) {
        const std::string where = format_endpoint(endpoint);
        boost::system::error_code ec;
        auto check = [&](std::string_view step) {
            if (ec)
                throw MetricsError(
                    fmt::format("metrics endpoint {}: {}: {}", where, step, ec.message()));
        };
        acceptor_.open(endpoint.protocol(), ec);
        check("socket");
        acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
        check("setsockopt SO_REUSEADDR");
        if (endpoint.address().is_v6()) {
            acceptor_.set_option(boost::asio::ip::v6_only(true), ec);
            check("setsockopt IPV6_V6ONLY");
        }
        acceptor_.bind(endpoint, ec);
        check("bind");
        acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
        check("listen");
        log::info("metrics_listening", {{"address", format_endpoint(acceptor_.local_endpoint())}});
        accept();
    }

    void stop() {
        stopped_ = true;
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        retry_timer_.cancel();
        for (const auto& weak : sessions_) {
            if (auto session = weak.lock()) session->close();
        }
        sessions_.clear();
    }

    tcp::endpoint local_endpoint() const {
        boost::system::error_code ec;
        return acceptor_.local_endpoint(ec);
    }

  private:
    void accept() {
        acceptor_.async_accept(
            [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
                self->on_accept(ec, std::move(socket));
            });
    }

    void on_accept(boost::system::error_code ec, tcp::socket socket) {
        if (stopped_ || ec == boost::asio::error::operation_aborted) return;
        if (ec) {
            // EMFILE and friends: retry shortly instead of spinning on the same error.
            log::warn("metrics_accept_failed", {{"error", ec.message()}});
            retry_timer_.expires_after(std::chrono::milliseconds(100));
            retry_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
                if (!ec && !self->stopped_) self->accept();
            });
            return;
        }
        std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
        auto session = std::make_shared<MetricsSession>(std::move(socket), registry_);
        sessions_.push_back(session);
        session->start();
        accept();
    }

    tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_timer_;
    Registry& registry_;
    std::vector<std::weak_ptr<MetricsSession>> sessions_;
    bool stopped_ = false;
};

MetricsServer::MetricsServer(boost::asio::io_context& io, Registry& registry)
    : io_(io), registry_(registry) {}

MetricsServer::~MetricsServer() { stop(); }

void MetricsServer::start(const tcp::endpoint& endpoint) {
    if (listener_)
        throw MetricsError("metrics endpoint " + format_endpoint(endpoint) +
                           ": server already started");
    auto listener = std::make_shared<MetricsListener>(io_, registry_);
    listener->listen(endpoint);
    listener_ = std::move(listener);
}

void MetricsServer::stop() {
    if (listener_) listener_->stop();
}

tcp::endpoint MetricsServer::local_endpoint() const {
    return listener_ ? listener_->local_endpoint() : tcp::endpoint{};
}

}  // namespace shoal::metrics
