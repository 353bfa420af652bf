// SPDX-License-Identifier: MIT
// shoald's one HTTP server. The control API: HTTP/1.1 + JSON on a Unix socket (mode 0660, a
// stale file from a crashed daemon replaced, a live daemon's socket never stolen) and, only
// when configured, on TCP; and the metrics endpoint on its own address (serve_tcp). Runs on the
// daemon's io_context with no threads of its own; call its methods on that io_context's thread (or
// while it is not running).
//
//   api::Router router;
//   router.get("/v1/status", ...);
//   api::ApiServer server(io, std::move(router));
//   server.listen_unix("/run/shoal/shoald.sock");
//   if (tcp) server.listen_tcp(*tcp);
//   io.run();  // until SIGTERM: server.stop()
#pragma once

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "api/router.h"
#include "api/unix_socket_file.h"

namespace shoal::api {

template <class Protocol>
class ApiListener;

struct ApiServerOptions {
    mode_t socket_mode = 0660;
    std::uint64_t body_limit = 1024 * 1024;  // larger bodies get 413
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
};

class ApiServer {
  public:
    ApiServer(boost::asio::io_context& io, Router router, ApiServerOptions options = {});
    ~ApiServer();  // stop()
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    // Claims the path (see unix_socket_file.h), binds, sets the mode before listening (so
    // no one connects through a wider mode) and starts accepting. Throws ServerError naming
    // the path and the failing step. Once only.
    void listen_unix(const std::filesystem::path& path);
    // Binds with SO_REUSEADDR; port 0 picks a free port (see tcp_endpoint()). Once only.
    void listen_tcp(const boost::asio::ip::tcp::endpoint& endpoint);

    // Serves `router` alone on another TCP address (IPv6 only for an IPv6 address): the
    // metrics endpoint, whose address must not reach the control routes. `what` names it in
    // errors and logs ("metrics endpoint 127.0.0.1:9469: bind: Address already in use").
    // Returns the bound address (the real port when asked for port 0).
    boost::asio::ip::tcp::endpoint serve_tcp(const boost::asio::ip::tcp::endpoint& endpoint,
                                             Router router, std::string_view what);

    // Closes the listeners and every connection, and removes the socket file if it is
    // still ours. Idempotent.
    void stop();

    const std::filesystem::path& socket_path() const noexcept { return socket_path_; }
    std::optional<boost::asio::ip::tcp::endpoint> tcp_endpoint() const;
    const Router& router() const noexcept { return *router_; }

  private:
    boost::asio::io_context& io_;
    std::shared_ptr<const Router> router_;
    ApiServerOptions options_;
    std::filesystem::path socket_path_;
    FileIdentity socket_identity_;
    std::shared_ptr<ApiListener<boost::asio::local::stream_protocol>> unix_listener_;
    std::shared_ptr<ApiListener<boost::asio::ip::tcp>> tcp_listener_;
    std::vector<std::shared_ptr<ApiListener<boost::asio::ip::tcp>>> other_listeners_;
};

}  // namespace shoal::api
