// SPDX-License-Identifier: MIT
#include "log/log_level.h"

#include <stdexcept>
#include <string>

namespace shoal::log {

std::string_view to_string(Level level) {
    switch (level) {
        case Level::debug:
            return "debug";
        case Level::info:
            return "info";
        case Level::warn:
            return "warn";
        case Level::error:
            return "error";
    }
    return "unknown";
}

Level parse_level(std::string_view text) {
    for (Level level : {Level::debug, Level::info, Level::warn, Level::error}) {
        if (text == to_string(level)) return level;
    }
    throw std::invalid_argument("log level \"" + std::string(text) +
                                "\": expected debug, info, warn or error");
}

}  // namespace shoal::log
