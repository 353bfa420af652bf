// SPDX-License-Identifier: MIT
// Request targets: splitting "/v1/table?service=web&diff=41", percent-decoding path segments
// and query parameters, and percent-encoding for the client that builds them.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace shoal::api {

using ParamMap = std::map<std::string, std::string, std::less<>>;

struct TargetParts {
    std::string_view path;   // up to '?', or the whole target
    std::string_view query;  // after '?', empty when none
};

TargetParts split_target(std::string_view target);

// "%2F" → "/"; with plus_is_space (query strings) "+" → " ". Throws ApiError 400 naming the
// text on a malformed escape ("%4", "%zz").
std::string percent_decode(std::string_view text, bool plus_is_space);

// "service=web&diff=41" → {service: web, diff: 41}; a key without '=' maps to "".
// Throws ApiError 400 when a parameter is given twice (which one would win is a guess).
ParamMap parse_query(std::string_view query);

// Keeps RFC 3986 unreserved characters, escapes every other byte as %XX.
std::string percent_encode(std::string_view text);

}  // namespace shoal::api
