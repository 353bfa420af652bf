// SPDX-License-Identifier: MIT
#include "cli/drain_wait.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "cli/format.h"
#include "cli/shoalctl.h"

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

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

// Without a terminal, an unchanged count is repeated this often so logs show liveness.
constexpr milliseconds kPlainRepeat = std::chrono::seconds(5);

const json& find_server(const json& status, const std::string& name) {
    for (const auto& server : array_field(status, "servers")) {
        if (string_field(server, "name") == name) return server;
    }
    throw CommandError(fmt::format("server {} is no longer in shoald's status", name));
}

// Draws progress on a terminal line or as plain lines, whichever the output is.
class ProgressDisplay {
  public:
    ProgressDisplay(const DrainWaitSettings& settings, std::ostream& out)
        : settings_(settings), out_(out) {}

    void update(std::optional<std::uint64_t> remaining, milliseconds elapsed) {
        if (settings_.quiet) return;
        if (remaining && initial_ == 0) initial_ = *remaining;
        if (settings_.terminal) {
            out_ << "\r" << progress_bar_line(settings_.server, remaining, initial_, elapsed)
                 << "\x1b[K" << std::flush;
            drawn_ = true;
            return;
        }
        const std::uint64_t shown = remaining.value_or(kUnknown);
        const bool changed = !printed_ || shown != last_shown_;
        if (changed || elapsed - last_print_ >= kPlainRepeat) {
            out_ << progress_plain_line(settings_.server, remaining, elapsed) << "\n" << std::flush;
            printed_ = true;
            last_shown_ = shown;
            last_print_ = elapsed;
        }
    }

    // Leaves the terminal line clean for what follows.
    void finish() {
        if (drawn_) out_ << "\r\x1b[K" << std::flush;
    }

  private:
    const DrainWaitSettings& settings_;
    std::ostream& out_;
    // Plain integers, not optionals: g++ 12 warns (falsely) about optionals here.
    static constexpr std::uint64_t kUnknown = ~std::uint64_t{0};
    std::uint64_t initial_ = 0;  // the first count reported; 0 until then
    bool drawn_ = false;
    bool printed_ = false;
    std::uint64_t last_shown_ = kUnknown;
    milliseconds last_print_{0};
};

}  // namespace

DrainWaitResult wait_for_drain(const DrainWaitSettings& settings, const StatusFetch& fetch,
                               std::ostream& progress) {
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + settings.timeout;
    ProgressDisplay display(settings, progress);
    DrainWaitResult result;
    while (true) {
        const json status = fetch();
        const auto now = std::chrono::steady_clock::now();
        result.server = find_server(status, settings.server);
        result.remaining = uint_field(result.server, "established");
        result.elapsed = std::chrono::duration_cast<milliseconds>(now - start);
        if (string_field(result.server, "state") == "active") {
            display.finish();
            throw CommandError(fmt::format(
                "{} is active again (undrained meanwhile); stopped waiting", settings.server));
        }
        if (result.remaining == 0u) {
            result.drained = true;
            display.finish();
            return result;
        }
        display.update(result.remaining, result.elapsed);
        if (now >= deadline) {
            display.finish();
            return result;
        }
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(settings.interval, deadline - now));
    }
}

}  // namespace shoal::cli
