// SPDX-License-Identifier: MIT
#include "dataplane/dataplane_log.h"

#include <bpf/libbpf.h>
#include <xdp/libxdp.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <string>

namespace shoal {
namespace {

std::mutex sink_mutex;
LogSink current_sink;
thread_local int expected_warnings_depth = 0;

void default_sink(LogLevel level, std::string_view message) {
    if (level == LogLevel::debug) return;
    std::fprintf(stderr, "level=%s msg=\"%.*s\"\n", to_string(level).data(),
                 static_cast<int>(message.size()), message.data());
}

// Formats a printf-style library message, dropping its trailing newline.
std::string format_library_message(const char* prefix, const char* format, va_list args) {
    char buf[1024];
    std::vsnprintf(buf, sizeof(buf), format, args);
    std::string message = std::string(prefix) + buf;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

int libbpf_print(enum libbpf_print_level level, const char* format, va_list args) {
    // libbpf's info level narrates every object it opens: debug for us.
    LogLevel ours = level == LIBBPF_WARN ? LogLevel::warn : LogLevel::debug;
    std::string message = format_library_message("", format, args);
    if (ours == LogLevel::warn && expected_warnings_depth > 0 &&
        message.find("shoal_xdp") == std::string::npos)
        ours = LogLevel::info;
    log_message(ours, message);
    return 0;
}

int libxdp_print(enum libxdp_print_level level, const char* format, va_list args) {
    const LogLevel ours = level == LIBXDP_WARN   ? LogLevel::warn
                          : level == LIBXDP_INFO ? LogLevel::info
                                                 : LogLevel::debug;
    log_message(ours, format_library_message("", format, args));  // libxdp adds "libxdp: "
    return 0;
}

}  // namespace

void set_log_sink(LogSink sink) {
    {
        std::lock_guard lock(sink_mutex);
        current_sink = std::move(sink);
    }
    route_library_logs();
}

void log_message(LogLevel level, std::string_view message) {
    LogSink sink;
    {
        std::lock_guard lock(sink_mutex);
        sink = current_sink;
    }
    if (sink)
        sink(level, message);
    else
        default_sink(level, message);
}

ExpectedLibbpfWarnings::ExpectedLibbpfWarnings() { ++expected_warnings_depth; }

ExpectedLibbpfWarnings::~ExpectedLibbpfWarnings() { --expected_warnings_depth; }

void route_library_logs() {
    static std::once_flag once;
    std::call_once(once, [] {
        ::libbpf_set_print(libbpf_print);
        ::libxdp_set_print(libxdp_print);
    });
}

}  // namespace shoal
