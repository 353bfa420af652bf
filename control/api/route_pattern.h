// SPDX-License-Identifier: MIT
// A route's path pattern: literal segments and whole-segment {name} parameters,
// e.g. "/v1/servers/{name}/weight".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/url_codec.h"

namespace shoal::api {

class RoutePattern {
  public:
    // Throws std::invalid_argument naming the pattern when it does not start with '/', has
    // an empty or partial "{...}" segment, or repeats a parameter name.
    explicit RoutePattern(std::string text);

    // Matches the segments of a request path (already split on '/' and percent-decoded);
    // on success fills params with each {name}'s segment. Parameters match non-empty
    // segments only.
    bool match(const std::vector<std::string>& segments, ParamMap& params) const;

    const std::string& text() const noexcept { return text_; }
    // Routes with more literal segments win when two patterns match the same path.
    std::size_t literal_count() const noexcept { return literal_count_; }
    bool same_shape(const RoutePattern& other) const;

  private:
    struct Segment {
        std::string text;  // the literal, or the parameter's name
        bool is_param = false;
    };
    std::string text_;
    std::vector<Segment> segments_;
    std::size_t literal_count_ = 0;
};

// "/v1/servers/srv%2F2/drain" → {"v1", "servers", "srv/2", "drain"}; "/" → {""}.
// Throws ApiError 400 on a malformed escape or a path not starting with '/'.
std::vector<std::string> split_path(std::string_view path);

}  // namespace shoal::api
