// SPDX-License-Identifier: MIT
#include "store/generation_codec.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "config/json_reader.h"
#include "store/bucket_codec.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
using nlohmann::json;
constexpr std::uint64_t kMaxInteger = 1ULL << 53;

std::string crc_text(std::uint32_t crc) { return fmt::format("{:08x}", crc); }

std::optional<std::uint32_t> parse_crc(const json* value) {
    if (value == nullptr || !value->is_string() || value->get_ref<const std::string&>().size() != 8)
        return std::nullopt;
    const auto& text = value->get_ref<const std::string&>();
    std::uint32_t crc = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), crc, 16);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return crc;
}

// Reads the header line and returns the verified body.
std::string_view verified_body(std::string_view bytes, config::ErrorList& errors) {
    const auto newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
        errors.add_general("torn or not a generation file: no header line");
        return {};
    }
    json header;
    try {
        header = json::parse(bytes.substr(0, newline));
    } catch (const json::parse_error&) {
        errors.add_general("header line: not JSON");
        return {};
    }
    config::ObjectReader in(header, "header", errors, {"format", "body_bytes", "body_crc32"});
    const auto* format = in.require("format", fmt::format("\"{}\"", kGenerationFormat));
    if (format && *format != kGenerationFormat)
        errors.add(in.path("format"), fmt::format("expected \"{}\", got {}", kGenerationFormat,
                                                  config::describe_value(*format)));
    const auto* length = in.require("body_bytes", "the body length");
    const auto crc = parse_crc(in.require("body_crc32", "8 hex digits"));
    if (!errors.empty() || length == nullptr || !length->is_number_unsigned()) {
        if (errors.empty()) errors.add(in.path("body_bytes"), "expected an integer");
        return {};
    }
    if (!crc) {
        errors.add(in.path("body_crc32"), "expected 8 hex digits");
        return {};
    }
    const auto body = bytes.substr(newline + 1);
    if (body.size() != length->get<std::uint64_t>()) {
        errors.add_general(fmt::format("torn: the body has {} bytes, the header says {}",
                                       body.size(), length->get<std::uint64_t>()));
        return {};
    }
    if (crc32_of(body) != *crc) {
        errors.add_general(fmt::format("corrupt: body CRC32 {:08x}, the header says {:08x}",
                                       crc32_of(body), *crc));
        return {};
    }
    return body;
}

ServiceTable decode_table(const json& value, const std::string& pointer,
                          config::ErrorList& errors) {
    config::ObjectReader in(value, pointer, errors,
                            {"service", "id", "size", "hops", "changed_ms", "crc32"});
    ServiceTable table;
    if (!in.is_object()) return table;
    if (const auto* v = in.require("service", "a service name"))
        table.service = config::read_name(*v, in.path("service"), errors).value_or("");
    if (const auto* v = in.require("id", "a service id"))
        table.service_id = static_cast<std::uint16_t>(
            config::read_integer(*v, in.path("id"), errors, 0, SHOAL_MAX_SERVICES - 1).value_or(0));
    std::uint64_t size = 0;
    if (const auto* v = in.require("size", "the bucket count"))
        size = config::read_integer(*v, in.path("size"), errors, 1u << SHOAL_MIN_TABLE_BITS,
                                    1u << SHOAL_MAX_TABLE_BITS)
                   .value_or(0);
    if (size != 0 && (size & (size - 1)) != 0)
        errors.add(in.path("size"), fmt::format("expected a power of two, got {}", size));
    const auto* hops = in.require("hops", "base64 of the compressed hops");
    const auto* changed = in.require("changed_ms", "base64 of the compressed change times");
    const auto crc = parse_crc(in.require("crc32", "8 hex digits"));
    if (!crc && in.find("crc32")) errors.add(in.path("crc32"), "expected 8 hex digits");
    if (!errors.empty() || !hops || !changed || !crc) return table;
    if (!hops->is_string() || !changed->is_string()) {
        errors.add(pointer, "hops and changed_ms must be strings");
        return table;
    }
    try {
        table.buckets =
            decode_buckets({hops->get<std::string>(), changed->get<std::string>(), *crc}, size);
    } catch (const StoreError& e) {
        errors.add(pointer, fmt::format("table {}: {}", table.service, e.what()));
    }
    return table;
}

Snapshot decode_body(const json& body, config::ErrorList& errors) {
    config::ObjectReader in(
        body, "", errors, {"generation", "created_at_ms", "publisher", "operator_state", "tables"});
    Snapshot snapshot;
    if (!in.is_object()) return snapshot;
    if (const auto* v = in.require("generation", "an integer"))
        snapshot.generation =
            config::read_integer(*v, in.path("generation"), errors, 1, kMaxInteger).value_or(0);
    if (const auto* v = in.require("created_at_ms", "milliseconds since the epoch"))
        snapshot.created_at = TimePoint(std::chrono::milliseconds(
            config::read_integer(*v, in.path("created_at_ms"), errors, 0, kMaxInteger)
                .value_or(0)));
    if (const auto* v = in.find("publisher"))
        snapshot.publisher = config::read_string(*v, in.path("publisher"), errors).value_or("");
    if (const auto* v = in.require("operator_state", "the operator state")) {
        try {
            snapshot.operator_state =
                state::OperatorState::from_json(*v, errors.source() + " /operator_state");
        } catch (const std::exception& e) {
            errors.add_general(e.what());
        }
    }
    if (const auto* v = in.require("tables", "an array of tables"))
        if (const auto* tables = config::read_array(*v, in.path("tables"), errors, true))
            for (std::size_t i = 0; i < tables->size(); ++i)
                snapshot.tables.push_back(
                    decode_table((*tables)[i], config::pointer_join(in.path("tables"), i), errors));
    return snapshot;
}
}  // namespace

std::string encode_generation(const Snapshot& snapshot) {
    json tables = json::array();
    for (const auto& table : snapshot.tables) {
        const auto encoded = encode_buckets(table.buckets);
        tables.push_back({{"service", table.service},
                          {"id", table.service_id},
                          {"size", table.buckets.size()},
                          {"hops", encoded.hops},
                          {"changed_ms", encoded.changed},
                          {"crc32", crc_text(encoded.crc32)}});
    }
    const json body_json = {{"generation", snapshot.generation},
                            {"created_at_ms", snapshot.created_at.time_since_epoch().count()},
                            {"publisher", snapshot.publisher},
                            {"operator_state", snapshot.operator_state.to_json()},
                            {"tables", std::move(tables)}};
    const std::string body = body_json.dump() + "\n";
    const json header = {{"format", kGenerationFormat},
                         {"body_bytes", body.size()},
                         {"body_crc32", crc_text(crc32_of(body))}};
    return header.dump() + "\n" + body;
}

Snapshot decode_generation(std::string_view bytes, std::string_view source) {
    config::ErrorList errors{std::string(source)};
    const auto body = verified_body(bytes, errors);
    if (!errors.empty()) throw StoreError(errors.joined());
    json body_json;
    try {
        body_json = json::parse(body);
    } catch (const json::parse_error& e) {
        throw StoreError(
            fmt::format("{}: body: not JSON although its CRC matches: {}", source, e.what()));
    }
    auto snapshot = decode_body(body_json, errors);
    if (!errors.empty()) throw StoreError(errors.joined());
    for (const auto& problem : snapshot_problems(snapshot)) errors.add_general(problem);
    if (!errors.empty()) throw StoreError(errors.joined());
    return snapshot;
}

}  // namespace shoal::store
