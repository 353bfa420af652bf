// SPDX-License-Identifier: MIT
#include "store/generation_codec.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "store/base64.h"
#include "store/bucket_codec.h"
#include "store/store_error.h"
#include "store_fixture.h"

using namespace shoal::store;

TEST_CASE("base64 matches RFC 4648 and round-trips every length") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    std::string bytes;
    for (int n = 0; n < 300; ++n) {
        CHECK(base64_decode(base64_encode(bytes)) == bytes);
        bytes += static_cast<char>(n * 37);
    }
    for (const char* bad : {"Zg=", "Z===", "Zm9v!mFy", "Zg==Zg==", "Z=g="}) {
        INFO(bad);
        CHECK_FALSE(base64_decode(bad).has_value());
    }
}

TEST_CASE("a generation round-trips through its file encoding") {
    const auto snapshot = shoal::test::make_snapshot(42, 4096);
    const auto decoded = decode_generation(encode_generation(snapshot), "gen-42");
    CHECK(decoded == snapshot);
}

TEST_CASE("a 2^16-bucket table is stored compactly, not as a JSON array") {
    auto snapshot = shoal::test::make_snapshot(1, 1u << 16);
    const auto bytes = encode_generation(snapshot);
    std::printf(
        "generation file with a 2^16 and a 2^8 table: %zu bytes (raw buckets+times: %u bytes)\n",
        bytes.size(), (1u << 16) * 12);
    CHECK(bytes.size() < (1u << 16) * 12);  // below the raw size: compressed, not expanded
    CHECK(bytes.find("first_hop") == std::string::npos);
    CHECK(decode_generation(bytes, "g") == snapshot);
}

TEST_CASE("a flipped byte anywhere in the body is caught by the checksum") {
    const auto bytes = encode_generation(shoal::test::make_snapshot(7));
    const auto body_start = bytes.find('\n') + 1;
    for (std::size_t at = body_start; at < bytes.size(); at += 97) {
        auto corrupt = bytes;
        corrupt[at] ^= 0x20;
        INFO("offset " << at);
        CHECK_THROWS_WITH(decode_generation(corrupt, "gen-7"),
                          Catch::StartsWith("gen-7: corrupt: body CRC32"));
    }
}

TEST_CASE("a truncated (torn) generation is refused") {
    const auto bytes = encode_generation(shoal::test::make_snapshot(7));
    CHECK_THROWS_WITH(decode_generation(bytes.substr(0, bytes.size() - 10), "gen-7"),
                      Catch::StartsWith("gen-7: torn: the body has"));
    CHECK_THROWS_WITH(decode_generation(bytes.substr(0, 20), "gen-7"),
                      "gen-7: torn or not a generation file: no header line");
    CHECK_THROWS_WITH(decode_generation("", "gen-7"),
                      "gen-7: torn or not a generation file: no header line");
}

namespace {
// A file whose body checksum is right but whose content is not, as a buggy writer would make.
std::string with_body(const nlohmann::json& body) {
    const auto text = body.dump() + "\n";
    const nlohmann::json header = {{"format", kGenerationFormat},
                                   {"body_bytes", text.size()},
                                   {"body_crc32", fmt::format("{:08x}", crc32_of(text))}};
    return header.dump() + "\n" + text;
}

nlohmann::json body_of(const std::string& bytes) {
    return nlohmann::json::parse(bytes.substr(bytes.find('\n') + 1));
}
}  // namespace

TEST_CASE("a table whose buckets do not match their own CRC is refused, naming the table") {
    auto body = body_of(encode_generation(shoal::test::make_snapshot(9)));
    body["tables"][1]["crc32"] = "00000000";
    CHECK_THROWS_WITH(
        decode_generation(with_body(body), "gen-9"),
        Catch::StartsWith("gen-9: /tables/1: table dns: field crc32: 00000000 recorded,") &&
            Catch::EndsWith("computed: the buckets are corrupt"));
}

TEST_CASE("invalid content is refused with the field that is wrong") {
    auto body = body_of(encode_generation(shoal::test::make_snapshot(9)));
    body["tables"][0]["size"] = 300;
    CHECK_THROWS_WITH(decode_generation(with_body(body), "g"),
                      "g: /tables/0/size: expected a power of two, got 300");

    body = body_of(encode_generation(shoal::test::make_snapshot(9)));
    body["tables"][0]["hops"] = "not base64!";
    CHECK_THROWS_WITH(decode_generation(with_body(body), "g"),
                      "g: /tables/0: table web: field hops: not valid base64");

    body = body_of(encode_generation(shoal::test::make_snapshot(9)));
    body.erase("generation");
    CHECK_THROWS_WITH(decode_generation(with_body(body), "g"),
                      "g: /: missing field \"generation\" (expected an integer)");

    auto snapshot = shoal::test::make_snapshot(9);
    snapshot.tables[0].buckets[5].first_hop = 9000;
    CHECK_THROWS_WITH(decode_generation(encode_generation(snapshot), "g"),
                      "g: table web: bucket 5: hops 9000/" +
                          std::to_string(snapshot.tables[0].buckets[5].second_hop) +
                          "; expected server indexes below 8192 or 65535");
}
