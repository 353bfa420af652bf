// SPDX-License-Identifier: MIT
#pragma once
// A conductor's place among several (cluster mode, the etcd store): only the elected leader
// publishes and takes operator commands; the others answer with the leader's address. With
// the file store there is one conductor and it always leads.

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "config/daemon_config.h"
#include "metrics/shoal_metrics.h"
#include "store/etcd_election.h"
#include "store/store.h"

namespace shoal::daemon {

class Conductor;

struct ClusterRole {
    bool clustered = false;  // several conductors share the store; an election decides
    store::Leadership leadership;
    bool synced = false;  // as leader, has taken over the stored tables and operator state

    bool may_publish() const noexcept { return !clustered || leadership.leading; }
    // Throws when this conductor must not take operator commands: store::NotLeaderError,
    // naming the leader and its control address, when another conductor leads or an
    // election is under way; OperatorError(refused) when etcd is unreachable or the tables
    // are not read yet. `self`: this conductor's publisher
    // name, which the refusal carries.
    void require_leader(const std::string& self) const;
    // The "cluster" part of GET /v1/status.
    nlohmann::json to_json() const;
};

// What this conductor writes into the leader key: its name and control addresses.
nlohmann::json conductor_identity(const config::DaemonConfig& config, const std::string& name);

// Starts the election when the store is etcd and this shoald runs a conductor (null
// otherwise); each change goes to Conductor::set_leadership on `io`.
std::unique_ptr<store::LeaderElection> start_election(boost::asio::io_context& io,
                                                      const config::DaemonConfig& config,
                                                      store::Store& store, Conductor& conductor);

// Each agent's view of etcd from its last report ({server: store health}); empty with the
// file store.
nlohmann::json agents_store_health(const store::ReportsResult& reports);

// shoal_conductor_leader (when `conductor` is not null) and shoal_store_reachable.
void collect_cluster_metrics(metrics::ShoalMetrics& metrics, store::Store& store,
                             const Conductor* conductor);

// The store's health as this shoald sees it: {"type", "reachable", "endpoint", "error", ...}.
nlohmann::json store_health_json(store::Store& store);

}  // namespace shoal::daemon
