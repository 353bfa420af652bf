// SPDX-License-Identifier: MIT
#include "api/api_client.h"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "base/ip_address.h"

namespace shoal::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

constexpr std::uint64_t kAnswerLimit = 64 * 1024 * 1024;

enum class Phase { resolve, connect, exchange };

struct Outcome {
    Phase phase = Phase::resolve;
    beast::error_code error;
    HttpResponse response;
};

// One request on one connection: writes the request and reads the answer once connected.
template <class Protocol>
struct Exchange {
    explicit Exchange(asio::io_context& io) : stream(io) { parser.body_limit(kAnswerLimit); }

    // The handler of the connect: on success, the exchange itself.
    auto on_connect(HttpRequest& request) {
        return [this, &request](beast::error_code ec, const auto&...) {
            if (ec) {
                outcome.error = ec;
                return;
            }
            outcome.phase = Phase::exchange;
            http::async_write(stream, request, [this](beast::error_code ec, std::size_t) {
                if (ec) {
                    outcome.error = ec;
                    return;
                }
                http::async_read(stream, buffer, parser, [this](beast::error_code ec, std::size_t) {
                    outcome.error = ec;
                    if (!ec) outcome.response = parser.release();
                });
            });
        };
    }

    beast::basic_stream<Protocol> stream;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    Outcome outcome;
};

Outcome run_unix(const std::string& path, HttpRequest& request, std::chrono::milliseconds timeout) {
    asio::io_context io;
    Exchange<asio::local::stream_protocol> exchange(io);
    exchange.outcome.phase = Phase::connect;
    exchange.stream.expires_after(timeout);
    exchange.stream.async_connect(asio::local::stream_protocol::endpoint(path),
                                  exchange.on_connect(request));
    io.run();
    return std::move(exchange.outcome);
}

Outcome run_tcp(const ApiAddress& address, HttpRequest& request,
                std::chrono::milliseconds timeout) {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    asio::steady_timer resolve_deadline(io);
    Exchange<asio::ip::tcp> exchange(io);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    resolve_deadline.expires_at(deadline);
    resolve_deadline.async_wait([&](beast::error_code ec) {
        if (!ec) resolver.cancel();
    });
    resolver.async_resolve(
        address.host, address.port,
        [&](beast::error_code ec, const asio::ip::tcp::resolver::results_type& results) {
            resolve_deadline.cancel();
            if (ec) {
                exchange.outcome.error = ec == asio::error::operation_aborted
                                             ? beast::error_code(beast::error::timeout)
                                             : ec;
                return;
            }
            exchange.outcome.phase = Phase::connect;
            exchange.stream.expires_at(deadline);
            exchange.stream.async_connect(results, exchange.on_connect(request));
        });
    io.run();
    return std::move(exchange.outcome);
}

std::string connect_hint(const ApiAddress& address, beast::error_code ec) {
    if (ec == asio::error::access_denied)
        return " — run shoalctl as root or as a member of the socket's group";
    if (ec == asio::error::connection_refused || ec == asio::error::not_found ||
        ec == beast::errc::no_such_file_or_directory)
        return address.is_unix() ? " — is shoald running?"
                                 : " — is shoald running with a TCP control address?";
    return "";
}

}  // namespace

ApiAddress ApiAddress::unix_socket(std::string path) {
    if (path.empty()) throw ApiClientError("control socket path is empty");
    ApiAddress address;
    address.unix_path = std::move(path);
    return address;
}

ApiAddress ApiAddress::tcp(std::string_view host_port) {
    std::string why;
    const auto parsed = parse_host_port(host_port, &why);
    if (!parsed)
        throw ApiClientError(
            fmt::format("control address \"{}\": expected HOST:PORT ({})", host_port, why));
    ApiAddress address;
    address.host = parsed->host;
    address.port = std::to_string(parsed->port);
    return address;
}

std::string ApiAddress::describe() const {
    if (is_unix()) return unix_path;
    return endpoint_text(host, port);
}

std::string ApiResult::error_message() const {
    if (body.is_object() && body.contains("error") && body["error"].is_string())
        return body["error"].get<std::string>();
    return body.is_null() ? "no details" : body.dump();
}

ApiClient::ApiClient(ApiAddress address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

ApiResult ApiClient::request(http::verb method, std::string_view target,
                             const std::optional<nlohmann::json>& body) const {
    HttpRequest request{method, beast::string_view(target.data(), target.size()), 11};
    request.set(http::field::host, address_.is_unix() ? "shoal" : address_.host);
    request.set(http::field::user_agent, "shoalctl");
    request.set(http::field::accept, "application/json");
    request.keep_alive(false);
    if (body) {
        request.set(http::field::content_type, "application/json");
        request.body() = body->dump();
    }
    request.prepare_payload();

    const Outcome outcome = address_.is_unix() ? run_unix(address_.unix_path, request, timeout_)
                                               : run_tcp(address_, request, timeout_);
    const std::string where = address_.describe();
    const auto& ec = outcome.error;
    if (ec) {
        const bool timed_out = ec == beast::error::timeout;
        switch (outcome.phase) {
            case Phase::resolve:
                throw ApiClientError(
                    timed_out ? fmt::format("cannot resolve {}: no answer within {}", where,
                                            format_timeout(timeout_))
                              : fmt::format("cannot resolve {}: {}", where, ec.message()));
            case Phase::connect:
                throw ApiClientError(timed_out
                                         ? fmt::format("cannot connect to {}: timed out after {}",
                                                       where, format_timeout(timeout_))
                                         : fmt::format("cannot connect to {}: {}{}", where,
                                                       ec.message(), connect_hint(address_, ec)));
            case Phase::exchange:
                if (timed_out)
                    throw ApiClientError(fmt::format("no answer from {} within {}", where,
                                                     format_timeout(timeout_)));
                if (ec == http::error::end_of_stream || ec == asio::error::eof ||
                    ec == asio::error::connection_reset)
                    throw ApiClientError(
                        fmt::format("{} closed the connection without answering", where));
                throw ApiClientError(fmt::format("talking to {}: {}", where, ec.message()));
        }
    }
    ApiResult result;
    result.status = outcome.response.result_int();
    const auto& text = outcome.response.body();
    if (text.find_first_not_of(" \t\r\n") != std::string::npos) {
        try {
            result.body = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            throw ApiClientError(fmt::format("the answer from {} (HTTP {}) is not JSON: {}", where,
                                             result.status, e.what()));
        }
    }
    return result;
}

ApiResult ApiClient::get(std::string_view target) const { return request(http::verb::get, target); }

ApiResult ApiClient::post(std::string_view target,
                          const std::optional<nlohmann::json>& body) const {
    return request(http::verb::post, target, body);
}

ApiResult ApiClient::put(std::string_view target, const nlohmann::json& body) const {
    return request(http::verb::put, target, body);
}

ApiResult ApiClient::del(std::string_view target) const {
    return request(http::verb::delete_, target);
}

std::string format_timeout(std::chrono::milliseconds timeout) {
    const auto ms = timeout.count();
    if (ms >= 60000 && ms % 60000 == 0) return fmt::format("{}m", ms / 60000);
    if (ms >= 1000 && ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
    return fmt::format("{}ms", ms);
}

}  // namespace shoal::api
