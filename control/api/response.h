// SPDX-License-Identifier: MIT
// What a route handler answers: a status and a JSON body (every response is JSON), plus
// any extra headers (Allow on 405).
#pragma once

#include <boost/beast/http/status.hpp>
#include <nlohmann/json.hpp>
#include <ostream>  // boost 1.74 beast/http/status.hpp uses std::ostream without including it
#include <string>
#include <utility>
#include <vector>

namespace shoal::api {

struct Response {
    boost::beast::http::status status = boost::beast::http::status::ok;
    nlohmann::json body = nlohmann::json::object();
    std::vector<std::pair<std::string, std::string>> headers;
};

inline Response ok(nlohmann::json body) {
    return {boost::beast::http::status::ok, std::move(body), {}};
}

// {"error": message}, the shape of every error in docs/api.md, plus `fields` (an object)
// when an error carries more for clients to act on.
inline Response error_response(boost::beast::http::status status, const std::string& message,
                               const nlohmann::json& fields = nlohmann::json::object()) {
    nlohmann::json body = fields.is_object() ? fields : nlohmann::json::object();
    body["error"] = message;
    return {status, std::move(body), {}};
}

}  // namespace shoal::api
