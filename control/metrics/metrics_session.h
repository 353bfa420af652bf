// SPDX-License-Identifier: MIT
// One HTTP/1.1 connection to the exposition endpoint: GET /metrics, kept alive between scrapes.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>

#include "metrics/registry.h"

namespace shoal::metrics {

class MetricsSession : public std::enable_shared_from_this<MetricsSession> {
  public:
    MetricsSession(boost::asio::ip::tcp::socket socket, Registry& registry);

    void start();
    // Closes the connection; pending handlers end without touching the registry.
    void close();

  private:
    void read_request();
    void on_read(boost::beast::error_code ec);
    void on_write(boost::beast::error_code ec, bool keep_alive);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    boost::beast::http::response<boost::beast::http::string_body> response_;
    Registry& registry_;
    bool closed_ = false;
};

// The response to one request: 200 with the scrape for GET /metrics, 404 for other
// paths, 405 for other methods, 500 when a collector fails.
boost::beast::http::response<boost::beast::http::string_body> metrics_response(
    const boost::beast::http::request<boost::beast::http::string_body>& request,
    Registry& registry);

}  // namespace shoal::metrics
