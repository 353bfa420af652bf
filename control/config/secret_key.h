// SPDX-License-Identifier: MIT
// 128-bit SipHash keys as the config gives them: 32 hex digits, in the config file itself
// (fleet.hash_key) or in a key file of their own (agent.gue_auth). One parser for both.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "config/config_error.h"

namespace shoal::config {

using SecretKey = std::array<std::uint8_t, 16>;
using SipKeyWords = std::array<std::uint64_t, 2>;  // SipHash's k0, k1

// Exactly 32 hex digits (either case); nullopt otherwise.
std::optional<SecretKey> parse_key_hex(std::string_view text);

// Bytes 0-7 and 8-15, each read little-endian: SipHash's k0 and k1.
SipKeyWords key_words(const SecretKey& key);

// A key file: a regular file that neither group nor others may access (mode 0600 or
// stricter), holding 32 hex digits and an optional newline. Every problem is recorded at
// `pointer`, naming the file (and its mode when that is the problem); nullopt then.
std::optional<SecretKey> read_key_file(const std::filesystem::path& file, std::string_view pointer,
                                       ErrorList& errors);

}  // namespace shoal::config
