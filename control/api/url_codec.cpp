// SPDX-License-Identifier: MIT
#include "api/url_codec.h"

#include <fmt/format.h>

#include "api/response.h"

namespace shoal::api {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

}  // namespace

TargetParts split_target(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return {target, {}};
    return {target.substr(0, question), target.substr(question + 1)};
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (c == '%') {
            const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                throw ApiError::bad_request(
                    fmt::format("malformed percent-escape at offset {} in \"{}\"", i, text));
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

ParamMap parse_query(std::string_view query) {
    ParamMap params;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto piece = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (piece.empty()) continue;
        const auto equals = piece.find('=');
        std::string key = percent_decode(piece.substr(0, equals), true);
        std::string value =
            equals == std::string_view::npos ? "" : percent_decode(piece.substr(equals + 1), true);
        if (params.contains(key))
            throw ApiError::bad_request(fmt::format("query parameter \"{}\" given twice", key));
        params.emplace(std::move(key), std::move(value));
    }
    return params;
}

std::string percent_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (is_unreserved(byte))
            out.push_back(c);
        else
            out += fmt::format("%{:02X}", byte);
    }
    return out;
}

}  // namespace shoal::api
