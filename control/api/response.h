// SPDX-License-Identifier: MIT
// What a route handler answers: a status and a JSON body (every control API response is
// JSON), plus any extra headers (Allow on 405); the one route that is not JSON, /metrics,
// answers text instead (text_response). And how the API fails: ApiError, thrown by a
// handler to answer 4xx/5xx, and ServerError, when the server cannot listen.
#pragma once

#include <boost/beast/http/status.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>  // boost 1.74 beast/http/status.hpp uses std::ostream without including it
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shoal::api {

struct Response {
    boost::beast::http::status status = boost::beast::http::status::ok;
    nlohmann::json body = nlohmann::json::object();
    std::vector<std::pair<std::string, std::string>> headers;
    // When set, sent as the body instead of `body`, with the Content-Type in `headers`.
    std::optional<std::string> text;
};

inline Response ok(nlohmann::json body) {
    return {boost::beast::http::status::ok, std::move(body), {}, std::nullopt};
}

// A body that is not JSON, e.g. the Prometheus exposition ("text/plain; version=0.0.4").
inline Response text_response(boost::beast::http::status status, std::string text,
                              std::string_view content_type = "text/plain; charset=utf-8") {
    return {status, nullptr, {{"Content-Type", std::string(content_type)}}, std::move(text)};
}

// {"error": message}, the shape of every error in docs/api.md, plus `fields` (an object)
// when an error carries more for clients to act on.
inline Response error_response(boost::beast::http::status status, const std::string& message,
                               const nlohmann::json& fields = nlohmann::json::object()) {
    nlohmann::json body = fields.is_object() ? fields : nlohmann::json::object();
    body["error"] = message;
    return {status, std::move(body), {}, std::nullopt};
}

// The error a route handler throws to answer with a 4xx/5xx status and {"error": message},
// plus any machine-readable fields a client acts on (a follower's 409 names the leader).
//   throw ApiError(http::status::not_found, "unknown server srv9");
class ApiError : public std::runtime_error {
  public:
    // `fields`: an object whose members join "error" in the answer's body.
    ApiError(boost::beast::http::status status, const std::string& message,
             nlohmann::json fields = nlohmann::json::object());

    boost::beast::http::status status() const noexcept { return status_; }
    const nlohmann::json& fields() const noexcept { return fields_; }

    // The statuses docs/api.md gives a meaning to.
    static ApiError bad_request(const std::string& message);  // 400
    static ApiError not_found(const std::string& message);    // 404
    static ApiError conflict(const std::string& message);     // 409
    static ApiError unavailable(const std::string& message);  // 503

  private:
    boost::beast::http::status status_;
    nlohmann::json fields_;
};

// Why the control API server could not start: names the socket path or address and the
// failing step, e.g. "control socket /run/shoal/shoald.sock: bind: Permission denied".
class ServerError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace shoal::api
