// SPDX-License-Identifier: MIT
#include "api/route_pattern.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "api/response.h"

namespace shoal::api {

namespace {

std::vector<std::string_view> split_raw(std::string_view path) {
    std::vector<std::string_view> pieces;
    path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        pieces.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return pieces;
}

}  // namespace

RoutePattern::RoutePattern(std::string text) : text_(std::move(text)) {
    auto fail = [&](std::string_view why) {
        throw std::invalid_argument(fmt::format("route pattern \"{}\": {}", text_, why));
    };
    if (text_.empty() || text_.front() != '/') fail("must start with '/'");
    if (text_.find('?') != std::string::npos) fail("must not hold a query");
    for (const auto piece : split_raw(text_)) {
        const bool opens = piece.find('{') != std::string_view::npos;
        const bool closes = piece.find('}') != std::string_view::npos;
        if (!opens && !closes) {
            segments_.push_back({std::string(piece), false});
            ++literal_count_;
            continue;
        }
        if (piece.size() < 3 || piece.front() != '{' || piece.back() != '}' ||
            piece.find_first_of("{}", 1) != piece.size() - 1)
            fail(fmt::format("segment \"{}\" must be a whole {{name}}", piece));
        std::string name(piece.substr(1, piece.size() - 2));
        const bool repeated = std::any_of(segments_.begin(), segments_.end(), [&](const auto& s) {
            return s.is_param && s.text == name;
        });
        if (repeated) fail(fmt::format("parameter {{{}}} appears twice", name));
        segments_.push_back({std::move(name), true});
    }
}

bool RoutePattern::match(const std::vector<std::string>& segments, ParamMap& params) const {
    if (segments.size() != segments_.size()) return false;
    ParamMap found;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& want = segments_[i];
        if (want.is_param) {
            if (segments[i].empty()) return false;
            found.emplace(want.text, segments[i]);
        } else if (segments[i] != want.text) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

bool RoutePattern::same_shape(const RoutePattern& other) const {
    if (segments_.size() != other.segments_.size()) return false;
    for (std::size_t i = 0; i < segments_.size(); ++i) {
        const auto& a = segments_[i];
        const auto& b = other.segments_[i];
        if (a.is_param != b.is_param || (!a.is_param && a.text != b.text)) return false;
    }
    return true;
}

std::vector<std::string> split_path(std::string_view path) {
    if (path.empty() || path.front() != '/')
        throw ApiError::bad_request(fmt::format("request path \"{}\" must start with '/'", path));
    std::vector<std::string> segments;
    for (const auto piece : split_raw(path)) segments.push_back(percent_decode(piece, false));
    return segments;
}

}  // namespace shoal::api
