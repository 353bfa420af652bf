// SPDX-License-Identifier: MIT
#include "config/config_loader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/daemon_parser.h"
#include "config/json_text.h"

namespace shoal::config {

namespace {
constexpr std::uintmax_t kMaxConfigBytes = 64 * 1024 * 1024;

std::string read_file(const std::filesystem::path& path, ErrorList& errors) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        errors.add_general("cannot read the config: it is a directory");
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.add_general(fmt::format("cannot read the config: {}", std::strerror(errno)));
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad() || text.str().size() > kMaxConfigBytes)
        errors.add_general(fmt::format("cannot read the config: {}",
                                       in.bad() ? std::strerror(errno) : "larger than 64 MiB"));
    return text.str();
}
}  // namespace

DaemonConfig parse_config(std::string_view text, std::string_view source) {
    ErrorList errors{std::string(source)};
    const auto document = parse_json_text(text, errors);
    errors.throw_if_any();
    auto config = parse_daemon_config(*document, errors);
    errors.throw_if_any();
    return config;
}

DaemonConfig load_config_file(const std::filesystem::path& path) {
    ErrorList errors{path.string()};
    const auto text = read_file(path, errors);
    errors.throw_if_any();
    return parse_config(text, path.string());
}

std::vector<std::string> check_config_file(const std::filesystem::path& path) {
    try {
        load_config_file(path);
        return {};
    } catch (const ConfigError& e) {
        return e.errors();
    }
}

}  // namespace shoal::config
