// SPDX-License-Identifier: MIT
#include "load/prometheus_text.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <optional>

namespace shoal::load {
namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ':';
}

// Cursor over one sample line; each step returns false with `error` set.
class LineReader {
  public:
    LineReader(std::string_view line, std::size_t start) : pos_(start), line_(line) {}

    bool labels(std::map<std::string, std::string>& out) {
        if (at_end() || line_[pos_] != '{') return true;
        ++pos_;
        while (true) {
            skip_spaces();
            if (take('}')) return true;
            std::string name;
            while (!at_end() && is_name_char(line_[pos_])) name += line_[pos_++];
            if (name.empty()) return fail("expected a label name");
            skip_spaces();
            if (!take('=')) return fail(fmt::format("expected '=' after label {}", name));
            skip_spaces();
            if (!take('"'))
                return fail(fmt::format("expected '\"' to open label {}'s value", name));
            std::string value;
            while (true) {
                if (at_end()) return fail(fmt::format("label {}'s value is not closed", name));
                char c = line_[pos_++];
                if (c == '"') break;
                if (c == '\\') {
                    if (at_end()) return fail("a '\\' ends the line");
                    const char e = line_[pos_++];
                    c = e == 'n' ? '\n' : e;
                }
                value += c;
            }
            out[name] = std::move(value);
            skip_spaces();
            if (take(',')) continue;
            if (take('}')) return true;
            return fail("expected ',' or '}' after a label");
        }
    }

    std::optional<double> value() {
        skip_spaces();
        const auto start = pos_;
        while (!at_end() && line_[pos_] != ' ' && line_[pos_] != '\t') ++pos_;
        const std::string text(line_.substr(start, pos_ - start));
        if (text.empty()) return fail("no value"), std::nullopt;
        char* end = nullptr;
        errno = 0;
        const double v = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size() || errno == ERANGE)
            return fail(fmt::format("value \"{}\" is not a number", text)), std::nullopt;
        return v;  // a timestamp may follow; it is not needed
    }

    const std::string& error() const { return error_; }

  private:
    bool at_end() const { return pos_ >= line_.size(); }
    void skip_spaces() {
        while (!at_end() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
    }
    bool take(char c) {
        if (at_end() || line_[pos_] != c) return false;
        ++pos_;
        return true;
    }
    bool fail(std::string why) {
        error_ = std::move(why);
        return false;
    }

    std::size_t pos_ = 0;
    std::string_view line_;
    std::string error_;
};

}  // namespace

MetricRead read_metric(std::string_view text, std::string_view metric) {
    MetricRead out;
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#' || !line.starts_with(metric)) continue;
        if (line.size() > metric.size() && is_name_char(line[metric.size()]))
            continue;  // a longer name
        LineReader reader(line, metric.size());
        MetricSample sample;
        std::optional<double> value;
        if (reader.labels(sample.labels)) value = reader.value();
        if (!value) {
            out.error =
                fmt::format("line {}: {}: {}", line_no, reader.error(), line.substr(0, 120));
            return out;
        }
        sample.value = *value;
        out.samples.push_back(std::move(sample));
    }
    return out;
}

}  // namespace shoal::load
