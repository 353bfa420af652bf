// SPDX-License-Identifier: MIT
// shoald: the Shoal daemon. Roles (agent, conductor) come from the config file.
//   shoald --config /etc/shoal/shoal.json
//   shoald --check-config --config /etc/shoal/shoal.json   (exit 0 when valid)
//   shoald --version
#include <CLI/CLI.hpp>
#include <iostream>

#include "config/config_loader.h"
#include "daemon/daemon.h"
#include "log/logger.h"
#include "version/version_info.h"

int main(int argc, char** argv) {
    CLI::App app{"shoald: Shoal's XDP load-balancer daemon (agent and/or conductor)"};
    std::string config_path = "/etc/shoal/shoal.json";
    bool check_only = false;
    bool detach_on_exit = false;
    std::string log_level;
    app.add_option("-c,--config", config_path, "config file")->capture_default_str();
    app.add_flag("--check-config", check_only, "validate the config file and exit");
    app.add_flag("--detach-on-exit", detach_on_exit,
                 "detach the XDP program when stopping (default: it keeps forwarding)");
    app.add_option("--log-level", log_level,
                   "debug|info|warn|error; overrides log.level of the config")
        ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
    // Version, git commit and data-plane format, on stdout, exit 0 (app.exit below).
    app.set_version_flag("--version", [] { return shoal::version::version_text("shoald"); });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }

    if (check_only) {
        auto problems = shoal::config::check_config_file(config_path);
        for (const auto& p : problems) std::cerr << p << '\n';
        if (problems.empty()) std::cout << config_path << ": ok\n";
        return problems.empty() ? 0 : 1;
    }
    try {
        std::optional<shoal::LogLevel> level;
        if (!log_level.empty()) level = shoal::parse_log_level(log_level);
        shoal::daemon::Daemon daemon(
            {.config_path = config_path, .detach_on_exit = detach_on_exit, .log_level = level});
        return daemon.run();
    } catch (const std::exception& e) {
        shoal::log::error("start_failed", {{"config", config_path}, {"error", e.what()}});
        return 1;
    }
}
