// SPDX-License-Identifier: MIT
#include "config/config_error.h"

#include <fmt/format.h>

namespace shoal::config {

namespace {
std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        if (!text.empty()) text += '\n';
        text += line;
    }
    return text;
}
}  // namespace

ConfigError::ConfigError(std::vector<std::string> errors)
    : std::runtime_error(join_lines(errors)), errors_(std::move(errors)) {}

void ErrorList::add(std::string_view pointer, std::string_view message) {
    messages_.push_back(
        fmt::format("{}: {}: {}", source_, pointer.empty() ? "/" : pointer, message));
}

void ErrorList::add_general(std::string_view message) {
    messages_.push_back(fmt::format("{}: {}", source_, message));
}

std::string ErrorList::joined() const { return join_lines(messages_); }

void ErrorList::throw_if_any() const {
    if (!messages_.empty()) throw ConfigError(messages_);
}

}  // namespace shoal::config
