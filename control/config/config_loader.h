// SPDX-License-Identifier: MIT
// The entry points: read, parse and validate a shoald config file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.h"
#include "config/daemon_config.h"

namespace shoal::config {

// Parses config text; `source` names it in messages (usually the file path).
// Throws ConfigError listing every problem, one per line.
DaemonConfig parse_config(std::string_view text, std::string_view source);

// Reads and parses a file; an unreadable file is a ConfigError too.
DaemonConfig load_config_file(const std::filesystem::path& path);

// For `shoald --check-config`: every problem, empty when the file is good.
std::vector<std::string> check_config_file(const std::filesystem::path& path);

}  // namespace shoal::config
