// SPDX-License-Identifier: MIT
#include "base/log_level.h"

#include <stdexcept>
#include <string>

#include "base/enum_names.h"

namespace shoal {

namespace {
constexpr EnumNames<LogLevel, 4> kLevelNames{{{LogLevel::debug, "debug"},
                                              {LogLevel::info, "info"},
                                              {LogLevel::warn, "warn"},
                                              {LogLevel::error, "error"}}};
}  // namespace

std::string_view to_string(LogLevel level) { return name_of(kLevelNames, level); }

LogLevel parse_log_level(std::string_view text) {
    if (auto level = value_of(kLevelNames, text)) return *level;
    throw std::invalid_argument("log level \"" + std::string(text) + "\": expected " +
                                names_list(kLevelNames));
}

}  // namespace shoal
