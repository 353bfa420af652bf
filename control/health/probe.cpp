// SPDX-License-Identifier: MIT
#include "health/probe.h"

#include <fmt/format.h>

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "base/ip_address.h"

namespace shoal::health {
namespace beast = boost::beast;
namespace http = boost::beast::http;

std::string default_host_header(const Target& target) {
    return endpoint_text(target.address.to_string(), target.port);
}

std::shared_ptr<Probe> Probe::start(boost::asio::io_context& io, const Target& target, Done done) {
    auto probe = std::make_shared<Probe>(io, target, std::move(done));
    probe->run();
    return probe;
}

Probe::Probe(boost::asio::io_context& io, const Target& target, Done done)
    : stream_(io), target_(target), done_(std::move(done)) {}

void Probe::cancel() {
    done_ = nullptr;
    stream_.close();
}

void Probe::run() {
    started_ = std::chrono::steady_clock::now();
    // One deadline for the whole probe: connect, request and response together.
    stream_.expires_after(target_.check.timeout);
    stream_.async_connect(
        {target_.address, target_.port},
        [self = shared_from_this()](beast::error_code ec) { self->on_connect(ec); });
}

void Probe::on_connect(beast::error_code ec) {
    if (ec) return fail("connect", ec);
    if (target_.check.type == CheckType::tcp) return finish(true, "connect ok");

    request_ = {http::verb::get, target_.check.http_path, 11};
    request_.set(http::field::host, target_.check.http_host.empty() ? default_host_header(target_)
                                                                    : target_.check.http_host);
    request_.set(http::field::user_agent, "shoald-health-check");
    request_.set(http::field::connection, "close");
    http::async_write(
        stream_, request_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
}

void Probe::on_write(beast::error_code ec) {
    if (ec) return fail("send request", ec);
    parser_.emplace();
    // Only the status line matters; the body is never read.
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                self->on_read_header(ec);
                            });
}

void Probe::on_read_header(beast::error_code ec) {
    if (ec) return fail("read response", ec);
    const unsigned status = parser_->get().result_int();
    finish(status >= 200 && status < 300, fmt::format("http status {}", status));
}

void Probe::fail(std::string_view step, beast::error_code ec) {
    if (ec == beast::error::timeout)
        return finish(false, fmt::format("timeout after {}ms", target_.check.timeout.count()));
    finish(false, fmt::format("{}: {}", step, ec.message()));
}

void Probe::finish(bool healthy, std::string reason) {
    if (!done_) return;  // cancelled: the owner no longer wants a result
    const auto duration = std::chrono::steady_clock::now() - started_;
    beast::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
    Done done = std::move(done_);
    done_ = nullptr;
    done(ProbeOutcome{healthy, std::move(reason),
                      std::chrono::duration_cast<std::chrono::nanoseconds>(duration)});
}

}  // namespace shoal::health
