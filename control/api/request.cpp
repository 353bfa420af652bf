// SPDX-License-Identifier: MIT
#include "api/request.h"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

#include "api/response.h"

namespace shoal::api {

const std::string& Request::param(std::string_view name) const {
    const auto found = params.find(name);
    if (found == params.end())
        throw std::logic_error(fmt::format("route {} has no path parameter {{{}}}", pattern, name));
    return found->second;
}

std::optional<std::string> Request::query_value(std::string_view name) const {
    const auto found = query.find(name);
    if (found == query.end()) return std::nullopt;
    return found->second;
}

std::optional<std::uint64_t> Request::query_u64(std::string_view name) const {
    const auto text = query_value(name);
    if (!text) return std::nullopt;
    std::uint64_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc{} || ptr != end)
        throw ApiError::bad_request(fmt::format(
            "query parameter \"{}\": expected a non-negative integer, got \"{}\"", name, *text));
    return value;
}

const nlohmann::json& Request::body_object() const {
    if (!body.is_object())
        throw ApiError::bad_request(fmt::format("request body: expected a JSON object, got {}",
                                                body.is_null() ? "no body" : body.type_name()));
    return body;
}

}  // namespace shoal::api
