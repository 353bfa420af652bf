// SPDX-License-Identifier: MIT
// What `shoalctl drain --wait` shows while connections close: a bar redrawn in place on a
// terminal, plain lines otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shoal::cli {

// "[##########..........] 312 connections left, 12s" — the bar fills as the count falls
// from initial; remaining unknown (no agent report yet) shows an empty bar and says so.
std::string progress_bar_line(std::string_view server, std::optional<std::uint64_t> remaining,
                              std::uint64_t initial, std::chrono::milliseconds elapsed,
                              std::size_t bar_width = 30);

// "srv2: 312 connections left (12s)".
std::string progress_plain_line(std::string_view server, std::optional<std::uint64_t> remaining,
                                std::chrono::milliseconds elapsed);

// "312 connections", "1 connection".
std::string connection_count(std::uint64_t count);

}  // namespace shoal::cli
