// SPDX-License-Identifier: MIT
#include "loadgen/load_options.h"

#include "base/enum_names.h"

namespace shoal::tools {

namespace {
constexpr EnumNames<LoadMode, 5> kModeNames{{{LoadMode::tcp, "tcp"},
                                             {LoadMode::tcp_short, "tcp-short"},
                                             {LoadMode::udp, "udp"},
                                             {LoadMode::udp_short, "udp-short"},
                                             {LoadMode::bulk, "bulk"}}};
}  // namespace

const char* to_string(LoadMode mode) { return name_of(kModeNames, mode).data(); }

std::optional<LoadMode> parse_load_mode(const std::string& text) {
    return value_of(kModeNames, text);
}

}  // namespace shoal::tools
