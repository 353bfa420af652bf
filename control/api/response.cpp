// SPDX-License-Identifier: MIT
#include "api/response.h"

#include <utility>

namespace shoal::api {

using boost::beast::http::status;

ApiError::ApiError(boost::beast::http::status code, const std::string& message,
                   nlohmann::json fields)
    : std::runtime_error(message), status_(code), fields_(std::move(fields)) {}

ApiError ApiError::bad_request(const std::string& message) {
    return ApiError(status::bad_request, message);
}

ApiError ApiError::not_found(const std::string& message) {
    return ApiError(status::not_found, message);
}

ApiError ApiError::conflict(const std::string& message) {
    return ApiError(status::conflict, message);
}

ApiError ApiError::unavailable(const std::string& message) {
    return ApiError(status::service_unavailable, message);
}

}  // namespace shoal::api
