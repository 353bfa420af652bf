// SPDX-License-Identifier: MIT
// One routed request as a handler sees it: path parameters from the route pattern, the
// decoded query, and the body already parsed as JSON (null when the request had none).
#pragma once

#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>  // boost 1.74 beast/http/verb.hpp uses std::ostream without including it
#include <string>
#include <string_view>

#include "api/url_codec.h"

namespace shoal::api {

struct Request {
    boost::beast::http::verb method = boost::beast::http::verb::get;
    std::string target;   // as received, e.g. "/v1/table?service=web"
    std::string path;     // the target without its query
    std::string pattern;  // the route that matched, e.g. "/v1/servers/{name}/drain"
    ParamMap params;      // {name} → decoded segment
    ParamMap query;       // decoded query parameters
    nlohmann::json body;  // null when the body was empty

    // The value of a {name} in the route pattern. Throws std::logic_error when the pattern
    // has no such parameter (a bug in the route table, not the client's fault).
    const std::string& param(std::string_view name) const;

    // A query parameter, absent when not given.
    std::optional<std::string> query_value(std::string_view name) const;
    // A query parameter as an unsigned integer; ApiError 400 naming it when not one.
    std::optional<std::uint64_t> query_u64(std::string_view name) const;

    // The body when it is a JSON object; ApiError 400 otherwise ("request body: expected a
    // JSON object, got array").
    const nlohmann::json& body_object() const;
};

}  // namespace shoal::api
