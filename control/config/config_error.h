// SPDX-License-Identifier: MIT
// Config problems: every one names the file, the JSON path and what was expected.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shoal::config {

// Thrown with every problem found, not just the first; what() has one per line.
class ConfigError : public std::runtime_error {
  public:
    explicit ConfigError(std::vector<std::string> errors);
    const std::vector<std::string>& errors() const noexcept { return errors_; }

  private:
    std::vector<std::string> errors_;
};

// Collects the problems of one config source as "SOURCE: /json/pointer: message".
class ErrorList {
  public:
    explicit ErrorList(std::string source) : source_(std::move(source)) {}

    void add(std::string_view pointer, std::string_view message);
    // A problem with no JSON path (unreadable file, syntax error).
    void add_general(std::string_view message);

    const std::string& source() const noexcept { return source_; }
    bool empty() const noexcept { return messages_.empty(); }
    const std::vector<std::string>& messages() const noexcept { return messages_; }
    void throw_if_any() const;   // throws ConfigError
    std::string joined() const;  // one problem per line

  private:
    std::string source_;
    std::vector<std::string> messages_;
};

}  // namespace shoal::config
