// SPDX-License-Identifier: MIT
// The error a route handler throws to answer with a 4xx/5xx status and {"error": message}.
//   throw ApiError(http::status::not_found, "unknown server srv9");
#pragma once

#include <boost/beast/http/status.hpp>
#include <ostream>  // boost 1.74 beast/http/status.hpp uses std::ostream without including it
#include <stdexcept>
#include <string>

namespace shoal::api {

class ApiError : public std::runtime_error {
  public:
    ApiError(boost::beast::http::status status, const std::string& message);

    boost::beast::http::status status() const noexcept { return status_; }

    // The statuses docs/api.md gives a meaning to.
    static ApiError bad_request(const std::string& message);  // 400
    static ApiError not_found(const std::string& message);    // 404
    static ApiError conflict(const std::string& message);     // 409
    static ApiError unavailable(const std::string& message);  // 503

  private:
    boost::beast::http::status status_;
};

}  // namespace shoal::api
