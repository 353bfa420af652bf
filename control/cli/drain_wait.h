// SPDX-License-Identifier: MIT
// `shoalctl drain --wait`: poll the daemon's status until the drained server reports no
// established connections, or the deadline passes, showing progress as it goes: a bar
// redrawn in place on a terminal, plain lines otherwise.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace shoal::cli {

struct DrainWaitSettings {
    std::string server;
    std::chrono::milliseconds timeout = std::chrono::minutes(5);
    std::chrono::milliseconds interval = std::chrono::seconds(1);
    bool terminal = false;  // redraw one line with '\r' instead of printing lines
    bool quiet = false;     // no progress at all (-o json)
};

struct DrainWaitResult {
    bool drained = false;
    nlohmann::json server;  // the server's last status entry
    std::optional<std::uint64_t> remaining;
    std::chrono::milliseconds elapsed{0};
};

// Returns GET /v1/status; throws to end the wait (the error reaches the user).
using StatusFetch = std::function<nlohmann::json()>;

// Throws CommandError when the server leaves the status or is undrained meanwhile.
DrainWaitResult wait_for_drain(const DrainWaitSettings& settings, const StatusFetch& fetch,
                               std::ostream& progress);

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
