// SPDX-License-Identifier: MIT
// One log line: "level=info event=table_applied service=web generation=42 apply_ms=1.3".
// Values are logfmt-quoted when they hold spaces, quotes, '=' or control characters.
#pragma once

#include <chrono>
#include <concepts>
#include <initializer_list>
#include <string>
#include <string_view>

#include "base/log_level.h"

namespace shoal::log {

// A key=value pair, its value already turned into text. Keys are expected to be
// lower_snake_case; any other character is written as '_' so a line always parses.
class Field {
  public:
    Field(std::string_view key, std::string_view value);
    Field(std::string_view key, const std::string& value) : Field(key, std::string_view(value)) {}
    Field(std::string_view key, const char* value) : Field(key, std::string_view(value)) {}
    Field(std::string_view key, bool value);
    Field(std::string_view key, double value);
    Field(std::string_view key, float value) : Field(key, static_cast<double>(value)) {}
    template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char>) Field(std::string_view key, T value)
        : Field(key, std::string_view(std::to_string(value))) {}
    // Durations are written in milliseconds with a fraction ("apply_ms" style keys).
    template <class Rep, class Period>
    Field(std::string_view key, std::chrono::duration<Rep, Period> value)
        : Field(key, std::chrono::duration<double, std::milli>(value).count()) {}

    const std::string& key() const noexcept { return key_; }
    const std::string& value() const noexcept { return value_; }

  private:
    std::string key_;
    std::string value_;
};

using Fields = std::initializer_list<Field>;

// The value as written on the line: bare when safe, else quoted with \" \\ \n \t \xNN escapes.
std::string quote_value(std::string_view value);

// The whole line, without the trailing newline.
std::string format_line(LogLevel level, std::string_view event, Fields fields);

}  // namespace shoal::log
