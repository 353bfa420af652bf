// SPDX-License-Identifier: MIT
#include "loadgen/load_options.h"

namespace shoal::tools {

const char* to_string(LoadMode mode) {
    switch (mode) {
        case LoadMode::tcp:
            return "tcp";
        case LoadMode::tcp_short:
            return "tcp-short";
        case LoadMode::udp:
            return "udp";
        case LoadMode::udp_short:
            return "udp-short";
        case LoadMode::bulk:
            return "bulk";
    }
    return "unknown";
}

std::optional<LoadMode> parse_load_mode(const std::string& text) {
    for (auto mode : {LoadMode::tcp, LoadMode::tcp_short, LoadMode::udp, LoadMode::udp_short, LoadMode::bulk})
        if (text == to_string(mode)) return mode;
    return std::nullopt;
}

}  // namespace shoal::tools
