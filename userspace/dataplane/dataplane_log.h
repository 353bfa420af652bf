// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <string_view>

#include "base/log_level.h"

namespace shoal {

// Where the data plane's messages go, including libbpf's and libxdp's own (verifier logs,
// dispatcher fallbacks). The daemon installs its key=value logger here.
using LogSink = std::function<void(LogLevel, std::string_view message)>;

// Replaces the sink; an empty sink restores the default (stderr, info and above).
// Also routes libbpf and libxdp printing through the sink.
void set_log_sink(LogSink sink);

void log_message(LogLevel level, std::string_view message);

// Routes libbpf and libxdp printing into the sink; idempotent, called by the loader.
void route_library_logs();

// While alive, libbpf warnings on this thread that do not name shoal_xdp are logged as info:
// libxdp's dispatcher probe makes libbpf warn about failures libxdp expects and handles
// (a kernel that refuses trampolines), which would read like a fault. Warnings about
// shoal_xdp itself (a verifier rejection) stay warnings.
class ExpectedLibbpfWarnings {
  public:
    ExpectedLibbpfWarnings();
    ~ExpectedLibbpfWarnings();
    ExpectedLibbpfWarnings(const ExpectedLibbpfWarnings&) = delete;
    ExpectedLibbpfWarnings& operator=(const ExpectedLibbpfWarnings&) = delete;
};

}  // namespace shoal
