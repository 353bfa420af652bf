// SPDX-License-Identifier: MIT
#include "cli/json_fields.h"

namespace shoal::cli {

using nlohmann::json;

namespace {

const json* find(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    return &*found;
}

}  // namespace

std::optional<std::string> string_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<std::uint64_t> uint_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    if (value->is_number_unsigned()) return value->get<std::uint64_t>();
    const auto signed_value = value->get<std::int64_t>();
    if (signed_value < 0) return std::nullopt;
    return static_cast<std::uint64_t>(signed_value);
}

std::optional<std::int64_t> int_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_number_integer()) return std::nullopt;
    return value->get<std::int64_t>();
}

std::optional<double> number_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_number()) return std::nullopt;
    return value->get<double>();
}

std::optional<bool> bool_field(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value || !value->is_boolean()) return std::nullopt;
    return value->get<bool>();
}

const json& array_field(const json& object, std::string_view key) {
    static const json empty = json::array();
    const auto* value = find(object, key);
    return value && value->is_array() ? *value : empty;
}

const json& object_field(const json& object, std::string_view key) {
    static const json empty = json::object();
    const auto* value = find(object, key);
    return value && value->is_object() ? *value : empty;
}

std::string text_or_dash(const json& object, std::string_view key) {
    const auto* value = find(object, key);
    if (!value) return "-";
    return value->is_string() ? value->get<std::string>() : value->dump();
}

std::string joined(const json& array) {
    std::string out;
    for (const auto& item : array) {
        if (!out.empty()) out += ", ";
        out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
}

}  // namespace shoal::cli
