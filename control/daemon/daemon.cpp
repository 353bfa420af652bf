// SPDX-License-Identifier: MIT
#include "daemon/daemon.h"

#include <fmt/format.h>

#include <csignal>

#include "api/api_server.h"
#include "base/asio_endpoint.h"
#include "config/config_loader.h"
#include "daemon/api_routes.h"
#include "daemon/conductor_views.h"
#include "dataplane/dataplane_log.h"
#include "log/logger.h"
#include "metrics/metrics_endpoint.h"
#include "version/version_info.h"

namespace shoal::daemon {
namespace {

LogLevel log_level(LogLevel configured, const std::optional<LogLevel>& override_level) {
    return override_level.value_or(configured);
}

// What a reload cannot change without a restart; empty when it can be applied.
std::vector<std::string> restart_needed(const config::DaemonConfig& live,
                                        const config::DaemonConfig& next) {
    std::vector<std::string> why;
    auto check = [&](bool same, const char* what) {
        if (!same)
            why.push_back(
                fmt::format("{}: {} changed; restart shoald to apply it", next.source, what));
    };
    check(live.runs_agent() == next.runs_agent() && live.runs_conductor() == next.runs_conductor(),
          "the roles (agent/conductor sections)");
    check(live.store == next.store, "/store");
    check(live.control == next.control, "/control");
    check(live.metrics == next.metrics, "/metrics");
    if (live.agent && next.agent)
        check(live.agent->server == next.agent->server && live.agent->bpffs == next.agent->bpffs,
              "/agent/server or /agent/bpffs");
    return why;
}

}  // namespace

Daemon::Daemon(DaemonOptions options)
    : options_(std::move(options)),
      config_(config::load_config_file(options_.config_path)),
      started_at_(store::now_ms()),
      signals_(io_, SIGTERM, SIGINT, SIGHUP),
      watchdog_timer_(io_),
      metrics_(registry_) {}

Daemon::~Daemon() = default;

int Daemon::run() {
    log::set_level(log_level(config_.log.level, options_.log_level));
    set_log_sink(log::library_sink("libbpf"));
    try {
        start();
    } catch (const std::exception& e) {
        log::error("start_failed", {{"config", config_.source}, {"error", e.what()}});
        notifier_.status(std::string("start failed: ") + e.what());
        stop();
        return 1;
    }
    std::string roles = std::string(agent_ ? "agent " : "") + (conductor_ ? "conductor" : "");
    log::info("started", {{"roles", roles}, {"config", config_.source}});
    notifier_.ready(fmt::format("running: {}generation {}", roles.empty() ? "" : roles + ", ",
                                conductor_ ? conductor_->generation()
                                : agent_   ? agent_->applied_generation()
                                           : 0));
    arm_watchdog();
    wait_for_signals();
    io_.run();
    log::info("stopped", {{"detached", options_.detach_on_exit}});
    return 0;
}

void Daemon::start() {
    store_ = store::open_store(config_.store);
    if (config_.runs_conductor()) {
        conductor_ = std::make_unique<Conductor>(io_, config_, *store_, metrics_);
        election_ = start_election(io_, config_, *store_, *conductor_);
        conductor_->start();
    }
    if (config_.runs_agent()) {
        agent_ = std::make_unique<Agent>(io_, config_, *store_, metrics_);
        agent_->start();
    }
    registry_.add_collector([this] {
        if (agent_) agent_->collect_metrics();
        if (conductor_) conductor_->collect_metrics();
        collect_cluster_metrics(metrics_, *store_, conductor_.get());
    });
    api_ = make_api_server(io_, *this);
    if (config_.metrics.listen)
        api_->serve_tcp(to_tcp(*config_.metrics.listen), metrics::metrics_router(registry_),
                        "metrics endpoint");
}

void Daemon::wait_for_signals() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        if (signal == SIGHUP) {
            try {
                reload();
            } catch (const std::exception& e) {
                log::error("reload_refused",
                           {{"config", options_.config_path.string()}, {"error", e.what()}});
                notifier_.status("reload refused; serving the last good config");
            }
            wait_for_signals();
            return;
        }
        log::info("stopping", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
        stop();
    });
}

void Daemon::arm_watchdog() {
    auto period = notifier_.watchdog_period();
    if (!period || stopping_) return;
    notifier_.watchdog();
    watchdog_timer_.expires_after(*period);
    // The ping runs on the io_context: a stuck event loop stops it and systemd restarts us.
    watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) arm_watchdog();
    });
}

void Daemon::stop() {
    if (stopping_) return;
    stopping_ = true;
    notifier_.stopping(options_.detach_on_exit ? "stopping; detaching the data plane"
                                               : "stopping; the data plane keeps forwarding");
    if (api_) api_->stop();
    if (agent_) agent_->stop(options_.detach_on_exit);
    election_.reset();  // steps down at once, so another conductor takes over
    if (conductor_) conductor_->stop();
    watchdog_timer_.cancel();
    signals_.cancel();
    io_.stop();
}

nlohmann::json Daemon::reload() {
    notifier_.reloading("reloading config");
    auto next = config::load_config_file(options_.config_path);
    if (auto why = restart_needed(config_, next); !why.empty()) throw config::ConfigError(why);
    if (agent_) agent_->reload(next);
    if (conductor_) conductor_->reload(next);
    config_ = std::move(next);
    log::set_level(log_level(config_.log.level, options_.log_level));
    log::info("config_reloaded", {{"config", config_.source}});
    notifier_.ready("running; config reloaded");
    return {{"reloaded", true}, {"config", config_.source}};
}

nlohmann::json Daemon::detach() { return agent_->detach(); }

nlohmann::json Daemon::status() const {
    nlohmann::json roles = nlohmann::json::array();
    if (agent_) roles.push_back("agent");
    if (conductor_) roles.push_back("conductor");
    nlohmann::json out;
    if (conductor_) {
        out = conductor_->status();
    } else {
        // An agent alone shows what the store says: tables and drains as published, as its
        // watch and its background reads last saw them (no store call on the event loop).
        const auto& read = agent_->stored();
        state::OperatorState published =
            read.snapshot ? read.snapshot->operator_state : state::OperatorState{};
        out = status_view(
            config_.fleet, read.snapshot.get(), published,
            [](std::string_view, std::string_view) { return health::HealthState::unknown; },
            agent_->fleet_reports());
    }
    out["daemon"] = {
        {"roles", roles}, {"config", config_.source}, {"started_at", iso8601(started_at_)}};
    out["daemon"].update(version::version_json());  // version, git_commit, dataplane_format
    if (agent_) out["agent"] = agent_->status();
    out["store"] = store_health_json(*store_);
    return out;
}

}  // namespace shoal::daemon
