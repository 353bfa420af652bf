// SPDX-License-Identifier: MIT
// One HTTP/1.1 connection to one etcd member's v3 JSON gateway, plain or TLS, kept open
// between requests. Calls block the calling thread with a deadline (each runs a private
// io_context), so a conductor or agent never hangs on a member that stopped answering.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "config/etcd_config.h"

namespace shoal::store {

// Thrown for anything below HTTP: resolve, connect, TLS, write, read, timeout.
class EtcdTransportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct HttpAnswer {
    unsigned status = 0;
    std::string body;
};

// Builds the TLS context from the config's files; throws StoreError naming the bad file.
std::shared_ptr<boost::asio::ssl::context> make_etcd_tls_context(const config::EtcdConfig& config);

class EtcdConnection {
  public:
    // `tls` is required for an https endpoint and ignored for http.
    EtcdConnection(config::EtcdEndpoint endpoint, std::shared_ptr<boost::asio::ssl::context> tls);
    ~EtcdConnection();
    EtcdConnection(const EtcdConnection&) = delete;
    EtcdConnection& operator=(const EtcdConnection&) = delete;

    // POSTs `body` (JSON) to `target` and returns the whole answer.
    HttpAnswer post(std::string_view target, const std::string& body,
                    std::chrono::milliseconds timeout);

    // POSTs to a streaming method (watch) and hands each newline-delimited message to
    // `on_message` as it arrives. Between messages it calls `idle` every `poll` and stops
    // when either returns false. Returns the HTTP status when the stream ends; throws
    // EtcdTransportError when the connection breaks. The connection is closed afterwards.
    unsigned stream(std::string_view target, const std::string& body,
                    std::chrono::milliseconds connect_timeout, std::chrono::milliseconds poll,
                    const std::function<bool(std::string_view message)>& on_message,
                    const std::function<bool()>& idle);

    // Wakes a stream() blocked on another thread; safe from any thread.
    void interrupt();
    void close();
    const config::EtcdEndpoint& endpoint() const noexcept { return endpoint_; }

  private:
    class Stream;
    void connect(std::chrono::milliseconds timeout);

    config::EtcdEndpoint endpoint_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    boost::asio::io_context io_;
    std::unique_ptr<Stream> stream_;  // null when not connected
    std::atomic<bool> interrupted_ = false;
};

}  // namespace shoal::store
