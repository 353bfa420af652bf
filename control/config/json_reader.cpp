// SPDX-License-Identifier: MIT
#include "config/json_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/duration.h"
#include "base/escape.h"
#include "config/limits.h"

namespace shoal::config {

std::string pointer_join(std::string_view parent, std::string_view key) {
    return std::string(parent) + "/" + escape_chars(key, {{'~', "~0"}, {'/', "~1"}});
}

std::string pointer_join(std::string_view parent, std::size_t index) {
    return fmt::format("{}/{}", parent, index);
}

std::string describe_value(const Json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "an array";
    std::string text = value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

std::optional<std::string> read_string(const Json& value, std::string_view pointer,
                                       ErrorList& errors) {
    if (value.is_string()) return value.get<std::string>();
    errors.add(pointer, "expected a string, got " + describe_value(value));
    return std::nullopt;
}

std::optional<std::string> read_name(const Json& value, std::string_view pointer,
                                     ErrorList& errors) {
    if (value.is_string() && is_valid_name(value.get_ref<const std::string&>()))
        return value.get<std::string>();
    errors.add(pointer, fmt::format("expected {}, got {}", kNameRule, describe_value(value)));
    return std::nullopt;
}

std::optional<std::uint64_t> read_integer(const Json& value, std::string_view pointer,
                                          ErrorList& errors, std::uint64_t min, std::uint64_t max) {
    std::optional<std::uint64_t> number;
    if (value.is_number_unsigned())
        number = value.get<std::uint64_t>();
    else if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
        number = static_cast<std::uint64_t>(value.get<std::int64_t>());
    if (number && *number >= min && *number <= max) return number;
    errors.add(pointer,
               fmt::format("expected an integer {}..{}, got {}", min, max, describe_value(value)));
    return std::nullopt;
}

std::optional<bool> read_bool(const Json& value, std::string_view pointer, ErrorList& errors) {
    if (value.is_boolean()) return value.get<bool>();
    errors.add(pointer, "expected true or false, got " + describe_value(value));
    return std::nullopt;
}

std::optional<std::chrono::milliseconds> read_duration(const Json& value, std::string_view pointer,
                                                       ErrorList& errors) {
    if (value.is_string())
        if (auto duration = parse_duration(value.get_ref<const std::string&>())) return duration;
    errors.add(pointer,
               fmt::format("expected {}, got {}", kDurationExample, describe_value(value)));
    return std::nullopt;
}

std::optional<IpAddress> read_address(const Json& value, std::string_view pointer,
                                      ErrorList& errors, AddressKind kind) {
    std::string_view expected = "an IPv4 or IPv6 address like 198.18.0.1 or 2001:db8::1";
    if (kind == AddressKind::ipv4) expected = "an IPv4 address like 198.18.0.1";
    if (kind == AddressKind::ipv6) expected = "an IPv6 address like 2001:db8::1";
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        std::optional<IpAddress> address;
        if (kind == AddressKind::ipv4) address = parse_ipv4(text);
        if (kind == AddressKind::ipv6) address = parse_ipv6(text);
        if (kind == AddressKind::any) address = parse_ip(text);
        if (address && !address->is_unicast()) {
            errors.add(pointer, fmt::format("expected a unicast address, got {} (unspecified, "
                                            "multicast or broadcast)",
                                            describe_value(value)));
            return std::nullopt;
        }
        if (address) return address;
    }
    errors.add(pointer, fmt::format("expected {}, got {}", expected, describe_value(value)));
    return std::nullopt;
}

std::optional<Endpoint> read_endpoint(const Json& value, std::string_view pointer,
                                      ErrorList& errors) {
    if (value.is_string())
        if (auto endpoint = parse_endpoint(value.get_ref<const std::string&>())) return endpoint;
    errors.add(pointer,
               "expected an address and port like \"127.0.0.1:9469\" or \"[::1]:9469\", got " +
                   describe_value(value));
    return std::nullopt;
}

std::optional<std::filesystem::path> read_absolute_path(const Json& value, std::string_view pointer,
                                                        ErrorList& errors) {
    if (value.is_string()) {
        std::filesystem::path path(value.get<std::string>());
        if (path.is_absolute()) return path.lexically_normal();
    }
    errors.add(pointer,
               "expected an absolute path like \"/var/lib/shoal\", got " + describe_value(value));
    return std::nullopt;
}

const Json::array_t* read_array(const Json& value, std::string_view pointer, ErrorList& errors,
                                bool allow_empty) {
    if (value.is_array() && (allow_empty || !value.empty()))
        return value.get_ptr<const Json::array_t*>();
    errors.add(pointer,
               fmt::format("expected {}array, got {}", allow_empty ? "an " : "a non-empty ",
                           value.is_array() ? "an empty array" : describe_value(value)));
    return nullptr;
}

ObjectReader::ObjectReader(const Json& value, std::string pointer, ErrorList& errors,
                           std::initializer_list<std::string_view> fields)
    : pointer_(std::move(pointer)), errors_(errors) {
    if (!value.is_object()) {
        errors_.add(pointer_, "expected an object, got " + describe_value(value));
        return;
    }
    object_ = value.get_ptr<const Json::object_t*>();
    for (const auto& [key, member] : *object_) {
        if (std::find(fields.begin(), fields.end(), key) != fields.end()) continue;
        std::string allowed;
        for (auto field : fields)
            allowed += fmt::format("{}{}", allowed.empty() ? "" : ", ", field);
        errors_.add_general(fmt::format("unknown field {}; expected one of: {}",
                                        pointer_join(pointer_, key), allowed));
    }
}

const Json* ObjectReader::find(std::string_view field) const {
    if (object_ == nullptr) return nullptr;
    const auto it = object_->find(std::string(field));
    if (it == object_->end() || it->second.is_null()) return nullptr;
    return &it->second;
}

const Json* ObjectReader::require(std::string_view field, std::string_view expected) const {
    if (object_ == nullptr) return nullptr;
    const Json* value = find(field);
    if (value == nullptr)
        errors_.add(pointer_, fmt::format("missing field \"{}\" (expected {})", field, expected));
    return value;
}

}  // namespace shoal::config
