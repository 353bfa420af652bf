// SPDX-License-Identifier: MIT
#include "log/logger.h"

#include <unistd.h>

#include <cerrno>
#include <string>

namespace shoal::log {

LineSink fd_sink(int fd) {
    return [fd](std::string_view line) {
        std::string buffer;
        buffer.reserve(line.size() + 1);
        buffer.append(line);
        buffer += '\n';
        std::string_view rest = buffer;
        while (!rest.empty()) {
            const ssize_t written = ::write(fd, rest.data(), rest.size());
            if (written < 0) {
                if (errno == EINTR) continue;
                return;  // nowhere left to report a failing log stream
            }
            rest.remove_prefix(static_cast<std::size_t>(written));
        }
    };
}

Logger::Logger(LineSink sink, LogLevel level) : level_(level), sink_(std::move(sink)) {}

void Logger::set_sink(LineSink sink) {
    std::lock_guard lock(sink_mutex_);
    sink_ = std::move(sink);
}

void Logger::write(LogLevel level, std::string_view event, Fields fields) {
    if (!enabled(level)) return;
    const std::string line = format_line(level, event, fields);
    std::lock_guard lock(sink_mutex_);
    if (sink_) sink_(line);
}

Logger& default_logger() {
    static Logger logger;
    return logger;
}

void library_message(LogLevel level, std::string_view source, std::string_view message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.remove_suffix(1);
    default_logger().write(level, "library_log", {{"source", source}, {"msg", message}});
}

std::function<void(LogLevel, std::string_view)> library_sink(std::string source) {
    return [source = std::move(source)](LogLevel level, std::string_view message) {
        library_message(level, source, message);
    };
}

}  // namespace shoal::log
