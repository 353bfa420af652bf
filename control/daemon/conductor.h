// SPDX-License-Identifier: MIT
#pragma once
// The conductor role, one per data centre: health-checks every server, keeps the operator's
// drains and weights (persisted), builds each service's table with the table builder and
// publishes a new generation to the store whenever a table or the operator state changes.
// It continues from the store's current generation after a restart: it never reshuffles.
// Its reads of the store (agents' reports, a follower's view of the current generation) come
// from a StoreMirror refreshed in the background; publishes stay synchronous but are skipped
// while etcd is known to be unreachable (conductor_publish.cpp).

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "config/daemon_config.h"
#include "daemon/cluster_role.h"
#include "daemon/load_balancing.h"
#include "daemon/store_mirror.h"
#include "health/health_checker.h"
#include "metrics/shoal_metrics.h"
#include "state/state_file.h"
#include "store/store.h"
#include "store/store_worker.h"
#include "table/build_report.h"

namespace shoal::daemon {

// An operator request that cannot be done; `kind` maps to an HTTP status in the API.
class OperatorError : public std::runtime_error {
  public:
    enum class Kind { bad_request, not_found, refused };
    OperatorError(Kind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    Kind kind() const noexcept { return kind_; }

  private:
    Kind kind_;
};

struct OperatorResult {
    std::string server;
    bool changed = false;
    std::uint64_t generation = 0;  // the generation carrying the change
};

class Conductor {
  public:
    Conductor(boost::asio::io_context& io, const config::DaemonConfig& config, store::Store& store,
              metrics::ShoalMetrics& metrics);
    ~Conductor();
    Conductor(const Conductor&) = delete;
    Conductor& operator=(const Conductor&) = delete;

    // Loads the operator state (a bad state file is an error: drains must not be forgotten),
    // continues from the store's current generation, starts health checks and rebuilds.
    void start();
    void reload(const config::DaemonConfig& config);
    void stop();

    OperatorResult drain(std::string_view server);
    OperatorResult undrain(std::string_view server);
    OperatorResult set_weight(std::string_view server, std::uint32_t weight);
    OperatorResult clear_weight(std::string_view server);

    nlohmann::json plan(const nlohmann::json& request) const;
    nlohmann::json table(const std::optional<std::string>& service,
                         const std::optional<std::uint64_t>& diff) const;
    // GET /v1/status without the "daemon"/"agent" parts.
    nlohmann::json status() const;
    void collect_metrics();

    std::uint64_t generation() const noexcept { return current_ ? current_->generation : 0; }

    // Cluster mode (conductor_leadership.cpp): several conductors, one elected leader.
    void set_clustered();
    void set_leadership(const store::Leadership& leadership);
    const ClusterRole& cluster() const noexcept { return cluster_; }
    // False while this conductor's last election round or its store's last call failed to
    // reach etcd (shoal_store_reachable; publishes nobody waits on are skipped); true with the
    // file store.
    bool etcd_reachable() const;
    const std::string& publisher() const noexcept { return publisher_; }

  private:
    const config::ServerConfig& server_or_throw(std::string_view name) const;
    OperatorResult operate(std::string_view server, const char* what,
                           const std::function<bool(state::OperatorState&)>& change);
    void set_health_targets();
    health::HealthState health_of(std::string_view service, std::string_view server) const;
    // `operator_waits`: an operator command answers with what this publishes (operate()).
    void rebuild(std::string_view reason, bool operator_waits = false);
    void publish(store::Snapshot next, std::string_view reason, bool operator_waits);
    bool etcd_known_unreachable(bool operator_waits) const;  // skip etcd without trying it
    void schedule_rebuild();
    bool ready_to_publish();     // false for a follower, or a new leader not yet synced
    bool sync_from_store();      // a new leader takes the stored tables and state
    void schedule_load_round();  // the load controller's rounds, when it is on

    boost::asio::io_context& io_;
    config::DaemonConfig config_;
    store::Store& store_;
    metrics::ShoalMetrics& metrics_;
    state::StateFile state_file_;
    state::OperatorState state_;
    health::HealthChecker health_;
    boost::asio::steady_timer rebuild_timer_;
    boost::asio::steady_timer load_timer_;
    LoadBalancing load_;
    std::shared_ptr<const store::Snapshot> current_;
    std::map<std::string, table::BuildReport, std::less<>> last_reports_;
    std::string publisher_;
    ClusterRole cluster_;
    store::StoreWorker worker_;  // before mirror_, which uses it
    StoreMirror mirror_;
    bool publish_deferred_ = false;  // a publish was skipped while etcd was unreachable
    bool stopped_ = false;
};

}  // namespace shoal::daemon
