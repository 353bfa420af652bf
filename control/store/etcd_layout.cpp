// SPDX-License-Identifier: MIT
#include "store/etcd_layout.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <random>

#include "store/store_error.h"

namespace shoal::store {

namespace {
std::optional<std::uint64_t> parse_digits(std::string_view digits, std::size_t width) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.size() != width || ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    return value;
}
}  // namespace

std::string EtcdLayout::generation(std::uint64_t generation) const {
    return fmt::format("{}{:020}", generations(), generation);
}

std::string EtcdLayout::chunks_of(std::uint64_t generation) const {
    return fmt::format("{}{:020}/", chunks(), generation);
}

std::string EtcdLayout::chunk_set(std::uint64_t generation, std::string_view writer) const {
    return fmt::format("{}{}/", chunks_of(generation), writer);
}

std::string EtcdLayout::chunk(std::uint64_t generation, std::string_view writer,
                              std::uint32_t index) const {
    return fmt::format("{}{:06}", chunk_set(generation, writer), index);
}

std::optional<std::uint64_t> EtcdLayout::generation_of_key(std::string_view key) const {
    const auto base = generations();
    if (!key.starts_with(base)) return std::nullopt;
    return parse_digits(key.substr(base.size()), 20);
}

std::optional<std::pair<std::uint64_t, std::string>> EtcdLayout::chunk_set_of_key(
    std::string_view key) const {
    const auto base = chunks();
    if (!key.starts_with(base)) return std::nullopt;
    key.remove_prefix(base.size());
    const auto slash = key.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto generation = parse_digits(key.substr(0, slash), 20);
    const auto rest = key.substr(slash + 1);
    const auto writer_end = rest.find('/');
    if (!generation || writer_end == std::string_view::npos || writer_end == 0) return std::nullopt;
    return std::pair{*generation, std::string(rest.substr(0, writer_end))};
}

std::string GenerationRecord::to_json_text() const {
    return nlohmann::json{{"generation", generation},
                          {"writer", writer},
                          {"chunks", chunks},
                          {"bytes", bytes},
                          {"crc32", fmt::format("{:08x}", crc32)},
                          {"published_at_ms", published_at.time_since_epoch().count()}}
        .dump();
}

GenerationRecord GenerationRecord::parse(std::string_view text, std::string_view source) {
    const auto value = nlohmann::json::parse(text, nullptr, false);
    auto fail = [&](std::string_view why) -> GenerationRecord {
        throw StoreError(fmt::format("{}: {}: got \"{}\"", source, why, text.substr(0, 120)));
    };
    if (!value.is_object()) return fail("expected a generation record (JSON object)");
    GenerationRecord record;
    try {
        record.generation = value.at("generation").get<std::uint64_t>();
        record.writer = value.at("writer").get<std::string>();
        record.chunks = value.at("chunks").get<std::uint32_t>();
        record.bytes = value.at("bytes").get<std::uint64_t>();
        const auto crc = value.at("crc32").get<std::string>();
        const auto [end, ec] =
            std::from_chars(crc.data(), crc.data() + crc.size(), record.crc32, 16);
        if (crc.size() != 8 || ec != std::errc() || end != crc.data() + crc.size())
            return fail("crc32: expected 8 hex digits");
        record.published_at =
            TimePoint(std::chrono::milliseconds(value.at("published_at_ms").get<std::int64_t>()));
    } catch (const nlohmann::json::exception& e) {
        return fail(fmt::format("bad generation record ({})", e.what()));
    }
    if (record.generation == 0 || record.chunks == 0 || record.writer.empty() ||
        record.writer.find('/') != std::string::npos)
        return fail("expected generation > 0, chunks > 0 and a writer without '/'");
    return record;
}

std::string random_writer_id() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    return fmt::format("{:016x}", random());
}

}  // namespace shoal::store
