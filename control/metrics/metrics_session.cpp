// SPDX-License-Identifier: MIT
#include "metrics/metrics_session.h"

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>

#include "log/logger.h"
#include "metrics/exposition_text.h"

namespace shoal::metrics {
namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

// Scrapes come every few seconds; a connection idle longer than this is closed.
constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr std::uint64_t kRequestBodyLimit = 8 * 1024;

http::response<http::string_body> plain(const http::request<http::string_body>& request,
                                        http::status status, std::string body) {
    http::response<http::string_body> response{status, request.version()};
    response.set(http::field::server, "shoald");
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

}  // namespace

http::response<http::string_body> metrics_response(const http::request<http::string_body>& request,
                                                   Registry& registry) {
    const auto raw_target = request.target();
    std::string_view target(raw_target.data(), raw_target.size());
    target = target.substr(0, target.find('?'));
    if (target != "/metrics")
        return plain(request, http::status::not_found, "not found; metrics are at /metrics\n");
    if (request.method() != http::verb::get) {
        auto response = plain(request, http::status::method_not_allowed, "use GET\n");
        response.set(http::field::allow, "GET");
        return response;
    }
    std::string body;
    try {
        body = registry.scrape();
    } catch (const std::exception& e) {
        log::error("metrics_scrape_failed", {{"error", e.what()}});
        return plain(request, http::status::internal_server_error,
                     std::string("scrape failed: ") + e.what() + "\n");
    }
    auto response = plain(request, http::status::ok, std::move(body));
    response.set(http::field::content_type,
                 beast::string_view(kExpositionContentType.data(), kExpositionContentType.size()));
    return response;
}

MetricsSession::MetricsSession(boost::asio::ip::tcp::socket socket, Registry& registry)
    : stream_(std::move(socket)), registry_(registry) {}

void MetricsSession::start() { read_request(); }

void MetricsSession::close() {
    closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
}

void MetricsSession::read_request() {
    parser_.emplace();
    parser_->body_limit(kRequestBodyLimit);
    stream_.expires_after(kIdleTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void MetricsSession::on_read(beast::error_code ec) {
    if (closed_ || ec == boost::asio::error::operation_aborted) return;
    if (ec) {
        // The scraper went away or idled out: the normal end of a keep-alive connection.
        if (ec != http::error::end_of_stream && ec != beast::error::timeout)
            log::debug("metrics_request_failed", {{"error", ec.message()}});
        close();
        return;
    }
    response_ = metrics_response(parser_->get(), registry_);
    const bool keep_alive = response_.keep_alive();
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                          self->on_write(ec, keep_alive);
                      });
}

void MetricsSession::on_write(beast::error_code ec, bool keep_alive) {
    if (closed_ || ec == boost::asio::error::operation_aborted) return;
    if (ec || !keep_alive) {
        close();
        return;
    }
    read_request();
}

}  // namespace shoal::metrics
