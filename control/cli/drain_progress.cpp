// SPDX-License-Identifier: MIT
#include "cli/drain_progress.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/duration.h"

namespace shoal::cli {

std::string connection_count(std::uint64_t count) {
    return fmt::format("{} connection{}", count, count == 1 ? "" : "s");
}

std::string progress_bar_line(std::string_view server, std::optional<std::uint64_t> remaining,
                              std::uint64_t initial, std::chrono::milliseconds elapsed,
                              std::size_t bar_width) {
    std::size_t filled = 0;
    if (remaining && initial > 0) {
        const auto done = initial - std::min(*remaining, initial);
        filled = static_cast<std::size_t>(done * bar_width / initial);
    }
    const std::string bar = std::string(filled, '#') + std::string(bar_width - filled, '.');
    if (!remaining)
        return fmt::format("[{}] waiting for {}'s agent to report, {}", bar, server,
                           format_elapsed(elapsed));
    return fmt::format("[{}] {} left, {}", bar, connection_count(*remaining),
                       format_elapsed(elapsed));
}

std::string progress_plain_line(std::string_view server, std::optional<std::uint64_t> remaining,
                                std::chrono::milliseconds elapsed) {
    if (!remaining)
        return fmt::format("{}: no connection count reported yet ({})", server,
                           format_elapsed(elapsed));
    return fmt::format("{}: {} left ({})", server, connection_count(*remaining),
                       format_elapsed(elapsed));
}

}  // namespace shoal::cli
