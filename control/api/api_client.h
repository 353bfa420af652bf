// SPDX-License-Identifier: MIT
// The synchronous control API client shoalctl uses: one request per connection over the
// Unix socket (or TCP), a deadline for the whole exchange, the status and JSON body back.
// Failures to talk to the daemon throw ApiClientError with context:
//   "cannot connect to /run/shoal/shoald.sock: No such file or directory — is shoald running?"
#pragma once

#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>  // boost 1.74 beast/http/verb.hpp uses std::ostream without including it
#include <stdexcept>
#include <string>
#include <string_view>

namespace shoal::api {

class ApiClientError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Where the daemon listens: a Unix socket path, or a TCP host and port.
struct ApiAddress {
    std::string unix_path;  // set for a Unix socket
    std::string host;       // set for TCP
    std::string port;

    static ApiAddress unix_socket(std::string path);
    // "127.0.0.1:9470", "[2001:db8::1]:9470", "localhost:9470"; throws ApiClientError when
    // the port is missing.
    static ApiAddress tcp(std::string_view host_port);

    bool is_unix() const noexcept { return !unix_path.empty(); }
    // The path, or host:port, for messages.
    std::string describe() const;
};

struct ApiResult {
    unsigned status = 0;
    nlohmann::json body;  // null when the answer had no body

    bool ok() const noexcept { return status >= 200 && status < 300; }
    // body["error"] when the daemon sent one, else the body as text.
    std::string error_message() const;
};

class ApiClient {
  public:
    ApiClient(ApiAddress address, std::chrono::milliseconds timeout);

    // Any HTTP status comes back as a result; only failing to get a JSON answer throws.
    ApiResult request(boost::beast::http::verb method, std::string_view target,
                      const std::optional<nlohmann::json>& body = std::nullopt) const;

    ApiResult get(std::string_view target) const;
    ApiResult post(std::string_view target,
                   const std::optional<nlohmann::json>& body = std::nullopt) const;
    ApiResult put(std::string_view target, const nlohmann::json& body) const;
    ApiResult del(std::string_view target) const;

    const ApiAddress& address() const noexcept { return address_; }
    std::chrono::milliseconds timeout() const noexcept { return timeout_; }

  private:
    ApiAddress address_;
    std::chrono::milliseconds timeout_;
};

// "5s", "500ms", "2m" for messages.
std::string format_timeout(std::chrono::milliseconds timeout);

}  // namespace shoal::api
