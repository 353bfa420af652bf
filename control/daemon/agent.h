// SPDX-License-Identifier: MIT
#pragma once
// The agent role, on every server: owns the XDP data plane (adopting a running one after a
// restart without touching a packet), applies each published table generation, and
// reports its traffic, load and established connections through the store. Its store
// writes run on a StoreWorker, so a slow or black-holed etcd never stalls its event loop.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/established_counter.h"
#include "agent/local_flows.h"
#include "agent/second_hop_buckets.h"
#include "config/daemon_config.h"
#include "daemon/dataplane_sync.h"
#include "daemon/store_mirror.h"
#include "dataplane/dataplane.h"
#include "load/load_source.h"
#include "metrics/shoal_metrics.h"
#include "store/store.h"
#include "store/store_worker.h"

namespace shoal::daemon {

class Agent {
public:
    Agent(boost::asio::io_context& io, const config::DaemonConfig& config, store::Store& store,
          metrics::ShoalMetrics& metrics);
    ~Agent();
    Agent(const Agent&) = delete;
    Agent& operator=(const Agent&) = delete;

    // Loads or adopts the data plane, attaches, starts watching and reporting. Throws
    // (DataplaneError, StoreError) when the data plane cannot be brought up.
    void start();
    // A new, already validated config: rewrites the records, re-applies the current tables.
    void reload(const config::DaemonConfig& config);
    // Stops watching and reporting; leaves the data plane forwarding unless `detach`.
    void stop(bool detach);

    nlohmann::json status() const;  // the "agent" part of GET /v1/status
    nlohmann::json stats() const;   // GET /v1/stats
    nlohmann::json detach();        // POST /v1/detach
    void collect_metrics();         // on every scrape

    // What the store holds, for the status of a shoald without a conductor: the watch's last
    // answer, and every agent's report as read in the background (at most check_interval old
    // when status is asked often; never a store call on the event loop).
    const store::ReadResult& stored() const noexcept { return last_read_; }
    const store::ReportsResult& fleet_reports();

    std::uint64_t applied_generation() const noexcept { return applied_generation_; }
    bool adopted() const noexcept { return adopted_; }

private:
    void attach_interfaces();
    void apply(const store::ReadResult& result);
    void report();
    void schedule_report();
    agent::BusyBuckets second_hop_busy();  // for the report; throws on a sock_diag failure
    store::FabricMtu fabric_mtu() const;   // read now: an operator may change an MTU any time
    void log_fabric_mtu(const store::FabricMtu& mtu);
    std::vector<shoal_service_key> tcp_service_keys() const;

    boost::asio::io_context& io_;
    config::DaemonConfig config_;
    store::Store& store_;
    metrics::ShoalMetrics& metrics_;
    std::optional<Dataplane> dataplane_;
    std::vector<AttachResult> attachments_;
    std::unique_ptr<store::StoreWatch> watch_;
    boost::asio::steady_timer report_timer_;
    std::unique_ptr<load::LoadSource> load_source_;  // agent.load_source
    agent::EstablishedCounter established_;
    agent::LocalFlowDump local_flows_;
    std::shared_ptr<const store::Snapshot> last_snapshot_;
    store::ReadResult last_read_;
    AppliedTables applied_tables_;
    std::uint64_t applied_generation_ = 0;
    std::optional<bool> fabric_mtu_ok_;  // what was last logged
    bool adopted_ = false;
    bool detached_ = false;
    bool stopped_ = false;
    store::StoreWorker worker_;  // last: its thread goes first, before what its calls use
    StoreMirror mirror_;
};

}  // namespace shoal::daemon
