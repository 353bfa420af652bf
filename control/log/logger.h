// SPDX-License-Identifier: MIT
// The daemon's event log: one key=value line per event on stderr, where journald picks it up.
//   log::info("table_applied", {{"service", name}, {"generation", gen}, {"apply_ms", 1.3}});
// writes "level=info event=table_applied service=web generation=42 apply_ms=1.3".
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string_view>

#include "base/log_level.h"
#include "log/log_line.h"

namespace shoal::log {

// Receives each whole line, without its newline, one call per line.
using LineSink = std::function<void(std::string_view line)>;

// Writes each line with one write(2) on fd, retrying short writes; never throws.
LineSink fd_sink(int fd);

// Filters by level and serialises writes, so lines from several threads never interleave.
class Logger {
  public:
    explicit Logger(LineSink sink = fd_sink(2), LogLevel level = LogLevel::info);

    // Safe to call from any thread, also while others log (the level flag is atomic).
    void set_level(LogLevel level) noexcept { level_.store(level, std::memory_order_relaxed); }
    LogLevel level() const noexcept { return level_.load(std::memory_order_relaxed); }
    bool enabled(LogLevel level) const noexcept { return level >= this->level(); }

    void set_sink(LineSink sink);

    void write(LogLevel level, std::string_view event, Fields fields = {});

  private:
    std::atomic<LogLevel> level_;
    std::mutex sink_mutex_;
    LineSink sink_;
};

// The process-wide logger the free functions below use (stderr, info).
Logger& default_logger();

inline void set_level(LogLevel level) noexcept { default_logger().set_level(level); }
inline void debug(std::string_view event, Fields fields = {}) {
    default_logger().write(LogLevel::debug, event, fields);
}
inline void info(std::string_view event, Fields fields = {}) {
    default_logger().write(LogLevel::info, event, fields);
}
inline void warn(std::string_view event, Fields fields = {}) {
    default_logger().write(LogLevel::warn, event, fields);
}
inline void error(std::string_view event, Fields fields = {}) {
    default_logger().write(LogLevel::error, event, fields);
}

// The hook for libraries that print free text (libbpf, libxdp, through the data plane's
// set_log_sink): "level=warn event=library_log source=libbpf msg=\"...\"".
// Trailing newlines and spaces of the message are dropped.
void library_message(LogLevel level, std::string_view source, std::string_view message);

// library_message bound to one source, in the (level, message) shape print hooks expect.
std::function<void(LogLevel, std::string_view)> library_sink(std::string source);

}  // namespace shoal::log
