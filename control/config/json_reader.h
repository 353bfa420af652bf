// SPDX-License-Identifier: MIT
// Typed reads of JSON values that record a problem (with its JSON path) instead of throwing,
// so one pass finds every error in a config.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ip_address.h"
#include "config/config_error.h"

namespace shoal::config {

using Json = nlohmann::json;

// JSON pointer of a member or an element (RFC 6901 escaping of '~' and '/').
std::string pointer_join(std::string_view parent, std::string_view key);
std::string pointer_join(std::string_view parent, std::size_t index);
// The value as a message shows it: "\"198.18.0\"", "42", "null", "an object", "an array".
std::string describe_value(const Json& value);

enum class AddressKind { ipv4, ipv6, any };

// Each returns nullopt (after recording "expected ..., got ...") when the value does not fit.
std::optional<std::string> read_string(const Json& value, std::string_view pointer,
                                       ErrorList& errors);
std::optional<std::string> read_name(const Json& value, std::string_view pointer,
                                     ErrorList& errors);
std::optional<std::uint64_t> read_integer(const Json& value, std::string_view pointer,
                                          ErrorList& errors, std::uint64_t min, std::uint64_t max);
std::optional<bool> read_bool(const Json& value, std::string_view pointer, ErrorList& errors);
std::optional<std::chrono::milliseconds> read_duration(const Json& value, std::string_view pointer,
                                                       ErrorList& errors);
std::optional<IpAddress> read_address(const Json& value, std::string_view pointer,
                                      ErrorList& errors, AddressKind kind);
std::optional<Endpoint> read_endpoint(const Json& value, std::string_view pointer,
                                      ErrorList& errors);
std::optional<std::filesystem::path> read_absolute_path(const Json& value, std::string_view pointer,
                                                        ErrorList& errors);
// An array (empty allowed only when allow_empty); nullptr otherwise.
const Json::array_t* read_array(const Json& value, std::string_view pointer, ErrorList& errors,
                                bool allow_empty);

// One of a fixed set of words, e.g. "tcp" | "udp".
template <class E>
std::optional<E> read_choice(const Json& value, std::string_view pointer, ErrorList& errors,
                             std::initializer_list<std::pair<std::string_view, E>> choices) {
    std::string names;
    for (const auto& [name, e] : choices) {
        if (value.is_string() && value.get_ref<const std::string&>() == name) return e;
        names += names.empty() ? "" : ", ";
        names += name;
    }
    errors.add(pointer, "expected one of: " + names + "; got " + describe_value(value));
    return std::nullopt;
}

// One JSON object with a fixed set of fields. The constructor reports a non-object and every
// field not in `fields` ("unknown field /x/prot; expected one of: ..."). A field holding null
// counts as absent.
class ObjectReader {
  public:
    ObjectReader(const Json& value, std::string pointer, ErrorList& errors,
                 std::initializer_list<std::string_view> fields);

    bool is_object() const noexcept { return object_ != nullptr; }
    const std::string& pointer() const noexcept { return pointer_; }
    std::string path(std::string_view field) const { return pointer_join(pointer_, field); }
    ErrorList& errors() const noexcept { return errors_; }

    // The field's value, or nullptr when absent or null.
    const Json* find(std::string_view field) const;
    // Like find, but records "missing field" (naming what was expected) when absent.
    const Json* require(std::string_view field, std::string_view expected) const;

  private:
    const Json::object_t* object_ = nullptr;
    std::string pointer_;
    ErrorList& errors_;
};

}  // namespace shoal::config
