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

// {"error": message}, the shape of every error in docs/api.md.
inline Response error_response(boost::beast::http::status status, const std::string& message) {
    return {status, nlohmann::json{{"error", message}}, {}};
}

}  // namespace shoal::api
