// SPDX-License-Identifier: MIT
// agent.gue_auth and agent.icmp_too_big: modes, key files (content, type and mode bits), the
// rate limit's bounds, and the messages each mistake gives.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "config/daemon_parser.h"
#include "config/secret_key.h"
#include "config_fixture.h"
#include "temp_dir.h"

using nlohmann::json;
using shoal::test::config_errors;
using shoal::test::TempDir;
using shoal::test::valid_config;
namespace config = shoal::config;

namespace {

constexpr const char* kKeyHex = "00112233445566778899aabbccddeeff";
constexpr const char* kNextHex = "ffeeddccbbaa99887766554433221100";

// A key file with this content and mode.
std::string key_file(const TempDir& dir, const std::string& name, const std::string& content,
                     mode_t mode = 0600) {
    const auto path = dir / name;
    std::ofstream(path) << content;
    REQUIRE(::chmod(path.c_str(), mode) == 0);
    return path.string();
}

json with_gue_auth(json auth) {
    json doc = valid_config();
    doc["agent"]["gue_auth"] = std::move(auth);
    return doc;
}

config::DaemonConfig parse(const json& doc) {
    return config::parse_config(doc.dump(), "shoal.json");
}

}  // namespace

TEST_CASE("without gue_auth and icmp_too_big the agent takes mode off and the defaults") {
    const auto agent = *parse(valid_config()).agent;
    CHECK(agent.gue_auth.mode == config::GueAuthMode::off);
    CHECK_FALSE(agent.gue_auth.key);
    CHECK(agent.icmp_too_big.rate == 1000);
    CHECK(agent.icmp_too_big.burst == 50);
}

TEST_CASE("key files are read as SipHash's k0 and k1, with or without a newline") {
    TempDir dir;
    const auto current = key_file(dir, "current.key", std::string(kKeyHex) + "\n");
    const auto next = key_file(dir, "next.key", kNextHex, 0400);
    const auto agent =
        *parse(with_gue_auth({{"mode", "enforce"}, {"key_file", current}, {"next_key_file", next}}))
             .agent;
    CHECK(agent.gue_auth.mode == config::GueAuthMode::enforce);
    REQUIRE(agent.gue_auth.key);
    CHECK((*agent.gue_auth.key)[0] == 0x7766554433221100ULL);
    CHECK((*agent.gue_auth.key)[1] == 0xffeeddccbbaa9988ULL);
    REQUIRE(agent.gue_auth.next_key);
    CHECK((*agent.gue_auth.next_key)[0] == 0x8899aabbccddeeffULL);
    CHECK(agent.gue_auth.key_file == current);
}

TEST_CASE("a key file readable by group or others is refused, naming the file and its mode") {
    TempDir dir;
    for (const mode_t mode : {0644, 0640, 0604, 0620, 0602}) {
        const auto path = key_file(dir, "k" + std::to_string(mode), kKeyHex, mode);
        char octal[8];
        std::snprintf(octal, sizeof(octal), "%04o", mode);
        CHECK(config_errors(with_gue_auth({{"mode", "permissive"}, {"key_file", path}})) ==
              std::vector<std::string>{
                  "shoal.json: /agent/gue_auth/key_file: key file " + path + " has mode " + octal +
                  ": group or others may read or change it; it must be 0600 or stricter "
                  "(chmod 600)"});
    }
}

TEST_CASE("key file mistakes are named: missing, not a file, wrong content") {
    TempDir dir;
    const auto missing = (dir / "missing.key").string();
    const auto short_key = key_file(dir, "short.key", "0011");
    const auto two_lines = key_file(dir, "two.key", std::string(kKeyHex) + "\n\n");
    const auto not_hex = key_file(dir, "nothex.key", "zz112233445566778899aabbccddeeff");
    const auto directory = (dir / "a-directory").string();
    REQUIRE(::mkdir(directory.c_str(), 0700) == 0);
    const std::string content =
        ": expected exactly 32 hex digits (a 128-bit key) and an optional newline";
    const std::string at = "shoal.json: /agent/gue_auth/key_file: ";
    CHECK(config_errors(with_gue_auth({{"mode", "enforce"}, {"key_file", missing}})) ==
          std::vector<std::string>{at + "cannot read key file " + missing +
                                   ": No such file or directory"});
    CHECK(config_errors(with_gue_auth({{"mode", "enforce"}, {"key_file", directory}})) ==
          std::vector<std::string>{at + "key file " + directory + " is not a regular file"});
    for (const auto& bad : {short_key, two_lines, not_hex})
        CHECK(config_errors(with_gue_auth({{"mode", "enforce"}, {"key_file", bad}})) ==
              std::vector<std::string>{at + "key file " + bad + content});
    CHECK(config_errors(with_gue_auth({{"mode", "enforce"}, {"key_file", "relative.key"}})) ==
          std::vector<std::string>{at + "expected an absolute path like \"/var/lib/shoal\", got "
                                        "\"relative.key\""});
}

TEST_CASE("the mode, and the key files each mode needs, are checked") {
    TempDir dir;
    const auto key = key_file(dir, "k", kKeyHex);
    const auto next = key_file(dir, "n", kNextHex);
    CHECK(config_errors(with_gue_auth({{"mode", "strict"}, {"key_file", key}})) ==
          std::vector<std::string>{"shoal.json: /agent/gue_auth/mode: expected one of: off, "
                                   "permissive, enforce; got \"strict\""});
    CHECK(config_errors(with_gue_auth({{"mode", "enforce"}})) ==
          std::vector<std::string>{"shoal.json: /agent/gue_auth: missing field \"key_file\" "
                                   "(expected the current key's file: mode enforce sends and "
                                   "checks tags)"});
    CHECK(config_errors(with_gue_auth({{"key_file", key}})) ==
          std::vector<std::string>{"shoal.json: /agent/gue_auth: missing field \"mode\" (expected "
                                   "\"off\", \"permissive\" or \"enforce\")"});
    CHECK(config_errors(with_gue_auth({{"mode", "off"}, {"next_key_file", next}})) ==
          std::vector<std::string>{"shoal.json: /agent/gue_auth/next_key_file: a next key needs a "
                                   "current one: give key_file too"});
    CHECK(config_errors(
              with_gue_auth({{"mode", "permissive"}, {"key_file", key}, {"next_key_file", key}})) ==
          std::vector<std::string>{"shoal.json: /agent/gue_auth/next_key_file: " + key +
                                   " is key_file too: the next key must be another file"});
    CHECK(config_errors(with_gue_auth({{"mode", "off"}, {"key", key}})) ==
          std::vector<std::string>{"shoal.json: unknown field /agent/gue_auth/key; expected one "
                                   "of: mode, key_file, next_key_file"});
    // Mode off needs no key, and a staged key is read (and so checked) already.
    CHECK(config_errors(with_gue_auth({{"mode", "off"}})).empty());
    CHECK(parse(with_gue_auth({{"mode", "off"}, {"key_file", key}})).agent->gue_auth.key);
}

TEST_CASE("a key file changed on disk gives a different config (a reload rewrites the keys)") {
    TempDir dir;
    const auto key = key_file(dir, "k", kKeyHex);
    const json doc = with_gue_auth({{"mode", "permissive"}, {"key_file", key}});
    const auto before = parse(doc);
    key_file(dir, "k", kNextHex);
    CHECK_FALSE(parse(doc) == before);
}

TEST_CASE("icmp_too_big takes a rate of 0..1000000 and a burst of 1..1000000") {
    json doc = valid_config();
    doc["agent"]["icmp_too_big"] = {{"rate", 0}, {"burst", 1000000}};
    const auto agent = *parse(doc).agent;
    CHECK(agent.icmp_too_big.rate == 0);
    CHECK(agent.icmp_too_big.burst == 1000000);

    doc["agent"]["icmp_too_big"] = {{"rate", 1000001}, {"burst", 0}};
    CHECK(config_errors(doc) ==
          std::vector<std::string>{
              "shoal.json: /agent/icmp_too_big/rate: expected an integer 0..1000000, got 1000001",
              "shoal.json: /agent/icmp_too_big/burst: expected an integer 1..1000000, got 0"});
    doc["agent"]["icmp_too_big"] = {{"per_second", 5}};
    CHECK(config_errors(doc) ==
          std::vector<std::string>{"shoal.json: unknown field /agent/icmp_too_big/per_second; "
                                   "expected one of: rate, burst"});
}

TEST_CASE("32 hex digits parse as a key; anything else does not") {
    CHECK(config::parse_key_hex(kKeyHex));
    CHECK(config::parse_key_hex("00112233445566778899AABBCCDDEEFF"));
    CHECK_FALSE(config::parse_key_hex("00112233445566778899aabbccddeef"));
    CHECK_FALSE(config::parse_key_hex("00112233445566778899aabbccddeeff0"));
    CHECK_FALSE(config::parse_key_hex("0011223344556677 899aabbccddeeff"));
}
