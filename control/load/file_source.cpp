// SPDX-License-Identifier: MIT
#include "load/file_source.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/errors.h"
#include "load/utilisation_check.h"

namespace shoal::load {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

LoadSample parse_load_text(std::string_view text, std::string_view source) {
    const std::string_view body = trim(text);
    if (body.empty())
        return LoadSample::failed(
            fmt::format("{}: empty, expected a number like 0.42 or 42%", source));
    std::string_view number = body;
    const bool percent = number.ends_with('%');
    if (percent) number = trim(number.substr(0, number.size() - 1));
    // strtod reads nan/inf too, which from_chars also does; they are caught by why_unusable.
    const std::string copy(number);
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size() || errno == ERANGE)
        return LoadSample::failed(
            fmt::format("{}: \"{}\" is not a number like 0.42 or 42%", source, body));
    const double utilisation = percent ? value / 100 : value;
    if (auto why = why_unusable(utilisation))
        return LoadSample::failed(fmt::format("{}: {} (read \"{}\")", source, *why, body));
    return LoadSample::of(utilisation);
}

LoadSample FileSource::sample() {
    std::ifstream in(path_);
    if (!in) return LoadSample::failed(errno_message(describe() + ": cannot open"));
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > 256)
        return LoadSample::failed(
            fmt::format("{}: {} bytes, expected one number", describe(), text.str().size()));
    return parse_load_text(text.str(), describe());
}

}  // namespace shoal::load
