// SPDX-License-Identifier: MIT
#pragma once
// shoald: one process, one io_context. Reads the config, runs the roles it names (agent,
// conductor), serves the control API and the metrics, talks to systemd, and reloads on
// SIGHUP keeping the last good config when the new one is bad.

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/log_level.h"
#include "config/daemon_config.h"
#include "daemon/agent.h"
#include "daemon/conductor.h"
#include "daemon/systemd_notifier.h"
#include "metrics/registry.h"
#include "metrics/shoal_metrics.h"
#include "store/store.h"

namespace shoal::api {
class ApiServer;
}

namespace shoal::daemon {

struct DaemonOptions {
    std::filesystem::path config_path;
    bool detach_on_exit = false;
    std::optional<LogLevel> log_level;  // overrides the config's log.level (also on reload)
};

class Daemon {
  public:
    // Throws ConfigError (with every problem) for a bad config file.
    explicit Daemon(DaemonOptions options);
    ~Daemon();
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    // Starts everything and runs until SIGTERM/SIGINT. Returns the process exit code.
    int run();

    // For the control API (called on the io_context's thread).
    nlohmann::json status() const;
    // Re-reads the config file; throws ConfigError (the old config stays live).
    nlohmann::json reload();
    nlohmann::json detach();
    Agent* agent() noexcept { return agent_.get(); }
    Conductor* conductor() noexcept { return conductor_.get(); }
    const config::DaemonConfig& config() const noexcept { return config_; }

  private:
    void start();
    void stop();
    void wait_for_signals();
    void arm_watchdog();

    DaemonOptions options_;
    config::DaemonConfig config_;
    store::TimePoint started_at_;
    boost::asio::io_context io_;
    boost::asio::signal_set signals_;
    boost::asio::steady_timer watchdog_timer_;
    SystemdNotifier notifier_;
    metrics::Registry registry_;
    metrics::ShoalMetrics metrics_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<Agent> agent_;
    std::unique_ptr<Conductor> conductor_;
    std::unique_ptr<store::LeaderElection> election_;  // cluster mode only (cluster_role.h)
    std::unique_ptr<api::ApiServer> api_;
    bool stopping_ = false;
};

}  // namespace shoal::daemon
