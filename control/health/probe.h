// SPDX-License-Identifier: MIT
// One health probe of one target: a TCP connect, or an HTTP/1.1 GET that must answer 2xx,
// all within the check's timeout.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "health/health_types.h"

namespace shoal::health {

struct ProbeOutcome {
    bool healthy = false;
    std::string reason;  // "connect ok", "http status 200", "connect: Connection refused", ...
    std::chrono::nanoseconds duration{0};
};

class Probe : public std::enable_shared_from_this<Probe> {
  public:
    using Done = std::function<void(const ProbeOutcome&)>;

    // Starts the probe; done runs once on the io_context unless cancel() comes first.
    static std::shared_ptr<Probe> start(boost::asio::io_context& io, const Target& target,
                                        Done done);

    Probe(boost::asio::io_context& io, const Target& target, Done done);

    // Closes the socket; done is never called afterwards.
    void cancel();

  private:
    void run();
    void on_connect(boost::beast::error_code ec);
    void on_write(boost::beast::error_code ec);
    void on_read_header(boost::beast::error_code ec);
    void fail(std::string_view step, boost::beast::error_code ec);
    void finish(bool healthy, std::string reason);

    boost::beast::tcp_stream stream_;
    Target target_;
    Done done_;
    std::chrono::steady_clock::time_point started_;
    boost::beast::flat_buffer buffer_;
    boost::beast::http::request<boost::beast::http::empty_body> request_;
    std::optional<boost::beast::http::response_parser<boost::beast::http::empty_body>> parser_;
};

// The Host header a check sends when the config names none: "198.18.0.5:8080", "[2001:db8::5]:80".
std::string default_host_header(const Target& target);

}  // namespace shoal::health
