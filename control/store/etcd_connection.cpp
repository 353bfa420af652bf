// SPDX-License-Identifier: MIT
#include "store/etcd_connection.h"

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <optional>

#include "store/store_error.h"

namespace shoal::store {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using boost::asio::ip::tcp;

namespace {
constexpr std::uint64_t kBodyLimit = 256ULL << 20;  // a range of every chunk still fits

bool is_ip_literal(const std::string& host) {
    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    return !ec;
}

// The errors a kept-open connection shows when the member closed it while idle: the request
// never reached it, so sending it again on a new connection is safe.
bool is_stale_connection(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == boost::asio::error::eof ||
           ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe ||
           ec == boost::asio::ssl::error::stream_truncated;
}
}  // namespace

class EtcdConnection::Stream {
  public:
    explicit Stream(boost::asio::io_context& io) { plain.emplace(io); }
    Stream(boost::asio::io_context& io, ssl::context& context) { tls.emplace(io, context); }

    beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
    template <class F>
    void visit(F&& f) {
        if (tls)
            f(*tls);
        else
            f(*plain);
    }

    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;
};

namespace {
// Runs `io` until the operation sets `done`; the stream's own deadline guarantees it does.
void run_until(boost::asio::io_context& io, const bool& done) {
    io.restart();
    while (!done && io.run_one() > 0) {
    }
}

std::string what_failed(const config::EtcdEndpoint& endpoint, std::string_view step,
                        const boost::system::error_code& ec) {
    return fmt::format("{}: {}: {}", endpoint.url(), step,
                       ec == beast::error::timeout ? std::string("timed out") : ec.message());
}
}  // namespace

std::shared_ptr<ssl::context> make_etcd_tls_context(const config::EtcdConfig& config) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1);
    context->set_verify_mode(ssl::verify_peer);
    auto load = [](std::string_view what, const std::filesystem::path& path, auto&& action) {
        try {
            action();
        } catch (const boost::system::system_error& e) {
            throw StoreError(fmt::format("etcd TLS: {} {}: {}", what, path.string(), e.what()));
        }
    };
    if (config.ca_file)
        load("ca_file", *config.ca_file,
             [&] { context->load_verify_file(config.ca_file->string()); });
    else
        context->set_default_verify_paths();
    if (config.cert_file)
        load("cert_file", *config.cert_file,
             [&] { context->use_certificate_chain_file(config.cert_file->string()); });
    if (config.key_file)
        load("key_file", *config.key_file,
             [&] { context->use_private_key_file(config.key_file->string(), ssl::context::pem); });
    return context;
}

EtcdConnection::EtcdConnection(config::EtcdEndpoint endpoint, std::shared_ptr<ssl::context> tls)
    : endpoint_(std::move(endpoint)), tls_(std::move(tls)) {}

EtcdConnection::~EtcdConnection() { close(); }

void EtcdConnection::close() {
    if (!stream_) return;
    boost::system::error_code ignored;
    stream_->tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_->tcp().close();
    stream_.reset();
    io_.restart();
    io_.poll();  // lets the aborted handlers run so nothing refers to the old stream
}

void EtcdConnection::interrupt() {
    // Only an atomic flag and io_context::stop: both are safe from another thread.
    interrupted_ = true;
    io_.stop();
}

void EtcdConnection::connect(std::chrono::milliseconds timeout) {
    close();
    if (endpoint_.tls && !tls_)
        throw EtcdTransportError(fmt::format("{}: https needs a TLS context", endpoint_.url()));
    stream_ = endpoint_.tls ? std::make_unique<Stream>(io_, *tls_) : std::make_unique<Stream>(io_);
    boost::system::error_code ec;
    tcp::resolver resolver(io_);
    const auto addresses = resolver.resolve(endpoint_.host, std::to_string(endpoint_.port), ec);
    if (ec) throw EtcdTransportError(what_failed(endpoint_, "resolve", ec));

    bool done = false;
    stream_->tcp().expires_after(timeout);
    stream_->tcp().async_connect(addresses,
                                 [&](const boost::system::error_code& e, const tcp::endpoint&) {
                                     ec = e;
                                     done = true;
                                 });
    run_until(io_, done);
    if (ec || !done) {
        close();
        throw EtcdTransportError(what_failed(endpoint_, "connect", ec));
    }
    if (!stream_->tls) return;

    auto* handle = stream_->tls->native_handle();
    auto* param = SSL_get0_param(handle);
    // The member's certificate must name the host or address we dialled.
    const bool named = is_ip_literal(endpoint_.host)
                           ? X509_VERIFY_PARAM_set1_ip_asc(param, endpoint_.host.c_str()) == 1
                           : (SSL_set_tlsext_host_name(handle, endpoint_.host.c_str()) == 1 &&
                              X509_VERIFY_PARAM_set1_host(param, endpoint_.host.c_str(), 0) == 1);
    if (!named) {
        close();
        throw EtcdTransportError(
            fmt::format("{}: TLS: cannot set the expected peer name", endpoint_.url()));
    }
    done = false;
    stream_->tcp().expires_after(timeout);
    stream_->tls->async_handshake(ssl::stream_base::client,
                                  [&](const boost::system::error_code& e) {
                                      ec = e;
                                      done = true;
                                  });
    run_until(io_, done);
    if (ec || !done) {
        close();
        throw EtcdTransportError(what_failed(endpoint_, "TLS handshake", ec));
    }
}

namespace {
http::request<http::string_body> make_request(const config::EtcdEndpoint& endpoint,
                                              std::string_view target, const std::string& body) {
    http::request<http::string_body> request{
        http::verb::post, boost::beast::string_view(target.data(), target.size()), 11};
    request.set(http::field::host, fmt::format("{}:{}", endpoint.host, endpoint.port));
    request.set(http::field::content_type, "application/json");
    request.keep_alive(true);
    request.body() = body;
    request.prepare_payload();
    return request;
}
}  // namespace

HttpAnswer EtcdConnection::post(std::string_view target, const std::string& body,
                                std::chrono::milliseconds timeout) {
    const auto request = make_request(endpoint_, target, body);
    for (int attempt = 0;; ++attempt) {
        const bool reused = stream_ != nullptr;
        if (!stream_) connect(timeout);
        boost::system::error_code ec;
        bool done = false;
        stream_->tcp().expires_after(timeout);
        stream_->visit([&](auto& s) {
            http::async_write(s, request, [&](const boost::system::error_code& e, std::size_t) {
                ec = e;
                done = true;
            });
        });
        run_until(io_, done);
        http::response_parser<http::string_body> parser;
        parser.body_limit(kBodyLimit);
        if (!ec && done) {
            done = false;
            stream_->visit([&](auto& s) {
                http::async_read(s, stream_->buffer, parser,
                                 [&](const boost::system::error_code& e, std::size_t) {
                                     ec = e;
                                     done = true;
                                 });
            });
            run_until(io_, done);
        }
        if (ec || !done) {
            close();
            if (reused && attempt == 0 && is_stale_connection(ec)) continue;
            throw EtcdTransportError(what_failed(endpoint_, fmt::format("POST {}", target), ec));
        }
        stream_->tcp().expires_never();
        auto response = parser.release();
        if (!response.keep_alive()) close();
        return {response.result_int(), std::move(response.body())};
    }
}

unsigned EtcdConnection::stream(std::string_view target, const std::string& body,
                                std::chrono::milliseconds connect_timeout,
                                std::chrono::milliseconds poll,
                                const std::function<bool(std::string_view)>& on_message,
                                const std::function<bool()>& idle) {
    connect(connect_timeout);
    auto request = make_request(endpoint_, target, body);
    request.keep_alive(false);
    boost::system::error_code ec;
    bool done = false;
    stream_->tcp().expires_after(connect_timeout);
    stream_->visit([&](auto& s) {
        http::async_write(s, request, [&](const boost::system::error_code& e, std::size_t) {
            ec = e;
            done = true;
        });
    });
    run_until(io_, done);
    if (ec || !done) {
        close();
        throw EtcdTransportError(what_failed(endpoint_, fmt::format("POST {}", target), ec));
    }
    stream_->tcp().expires_never();

    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);  // a watch streams for as long as it lives
    std::size_t consumed = 0;
    bool header_done = false;
    for (;;) {
        done = false;
        auto handler = [&](const boost::system::error_code& e, std::size_t) {
            ec = e;
            done = true;
        };
        stream_->visit([&](auto& s) {
            if (!header_done)
                http::async_read_header(s, stream_->buffer, parser, handler);
            else
                http::async_read_some(s, stream_->buffer, parser, handler);
        });
        // Wait for data, asking `idle` between polls whether to keep going.
        while (!done) {
            io_.restart();
            io_.run_for(poll);
            if (done) break;
            if (interrupted_ || !idle()) {
                close();
                return 0;
            }
        }
        if (ec == http::error::need_buffer) ec = {};
        if (ec) {
            close();
            throw EtcdTransportError(what_failed(endpoint_, fmt::format("stream {}", target), ec));
        }
        header_done = true;
        // Hand over every complete message; drop what was handed over.
        auto& text = parser.get().body();
        for (auto newline = text.find('\n', consumed); newline != std::string::npos;
             newline = text.find('\n', consumed)) {
            const std::string_view message(text.data() + consumed, newline - consumed);
            consumed = newline + 1;
            if (!message.empty() && !on_message(message)) {
                close();
                return parser.get().result_int();
            }
        }
        text.erase(0, consumed);
        consumed = 0;
        if (parser.is_done()) {
            const auto status = parser.get().result_int();
            if (!text.empty()) on_message(text);
            close();
            return status;
        }
    }
}

}  // namespace shoal::store
