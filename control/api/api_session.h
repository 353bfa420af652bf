// SPDX-License-Identifier: MIT
// One control connection: reads HTTP/1.1 requests (kept alive), routes each through the
// Router and writes its JSON answer. Instantiated for the Unix socket and for TCP.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "api/response.h"
#include "api/router.h"

namespace shoal::api {

struct SessionLimits {
    std::uint64_t body_limit = 1024 * 1024;
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
};

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

extern template class ApiSession<boost::asio::local::stream_protocol>;
extern template class ApiSession<boost::asio::ip::tcp>;

}  // namespace shoal::api
