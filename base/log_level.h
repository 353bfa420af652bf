// SPDX-License-Identifier: MIT
// Severity of a log line, one enum for the whole tree: the daemon's logger, the data plane's
// log sink (and libbpf/libxdp text routed through it) and the control API's events.
// Its text is the flag and config value: --log-level=debug|info|warn|error.
#pragma once

#include <string_view>

namespace shoal {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

std::string_view to_string(LogLevel level);

// Throws std::invalid_argument naming the text and the accepted values.
LogLevel parse_log_level(std::string_view text);

}  // namespace shoal
