// SPDX-License-Identifier: MIT
#include "log/log_line.h"

#include <fmt/format.h>

#include <cmath>

namespace shoal::log {
namespace {

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

std::string sanitize_key(std::string_view key) {
    std::string out(key.empty() ? "_" : key);
    for (char& c : out) {
        if (!is_key_char(c)) c = '_';
    }
    return out;
}

bool needs_quotes(std::string_view value) {
    if (value.empty()) return true;
    for (unsigned char c : value) {
        if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) return true;
    }
    return false;
}

void append_field(std::string& line, std::string_view key, std::string_view value) {
    line += ' ';
    line += key;
    line += '=';
    line += quote_value(value);
}

}  // namespace

Field::Field(std::string_view key, std::string_view value)
    : key_(sanitize_key(key)), value_(value) {}

Field::Field(std::string_view key, bool value) : Field(key, value ? "true" : "false") {}

Field::Field(std::string_view key, double value)
    : Field(key, std::isfinite(value)
                     ? fmt::format("{:.6g}", value)
                     : std::string(std::isnan(value) ? "NaN" : (value > 0 ? "+Inf" : "-Inf"))) {}

std::string quote_value(std::string_view value) {
    if (!needs_quotes(value)) return std::string(value);
    std::string out = "\"";
    for (unsigned char c : value) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < ' ' || c == 0x7f)
                    out += fmt::format("\\x{:02x}", c);
                else
                    out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

std::string format_line(LogLevel level, std::string_view event, Fields fields) {
    std::string line = "level=";
    line += to_string(level);
    append_field(line, "event", event);
    for (const Field& field : fields) append_field(line, field.key(), field.value());
    return line;
}

}  // namespace shoal::log
