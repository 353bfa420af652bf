// SPDX-License-Identifier: MIT
// The error a route handler throws to answer with a 4xx/5xx status and {"error": message},
// plus any machine-readable fields a client acts on (a follower's 409 names the leader).
//   throw ApiError(http::status::not_found, "unknown server srv9");
#pragma once

#include <boost/beast/http/status.hpp>
#include <nlohmann/json.hpp>
#include <ostream>  // boost 1.74 beast/http/status.hpp uses std::ostream without including it
#include <stdexcept>
#include <string>

namespace shoal::api {

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

}  // namespace shoal::api
