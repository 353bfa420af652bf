// SPDX-License-Identifier: MIT
// The Prometheus exposition endpoint: HTTP/1.1 on a TCP address, GET /metrics runs the
// registry's collectors and returns the text format 0.0.4. Everything runs on the given
// io_context; the registry must outlive the server.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "metrics/registry.h"

namespace shoal::metrics {

class MetricsListener;

class MetricsServer {
  public:
    MetricsServer(boost::asio::io_context& io, Registry& registry);
    ~MetricsServer();  // stop()
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    // Binds (SO_REUSEADDR), listens and starts accepting. Throws MetricsError naming the
    // address and the failing step, e.g. "metrics endpoint 127.0.0.1:9469: bind: Address
    // already in use". Once only.
    void start(const boost::asio::ip::tcp::endpoint& endpoint);
    // Closes the listener and every open connection; later handlers end with no effect.
    void stop();
    // The bound address (the real port when started on port 0).
    boost::asio::ip::tcp::endpoint local_endpoint() const;

  private:
    boost::asio::io_context& io_;
    Registry& registry_;
    std::shared_ptr<MetricsListener> listener_;
};

}  // namespace shoal::metrics
