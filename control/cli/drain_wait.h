// SPDX-License-Identifier: MIT
// `shoalctl drain --wait`: poll the daemon's status until the drained server reports no
// established connections, or the deadline passes, showing progress as it goes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

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

}  // namespace shoal::cli
