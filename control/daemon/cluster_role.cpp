// SPDX-License-Identifier: MIT
#include "daemon/cluster_role.h"

#include <fmt/format.h>

#include "daemon/conductor.h"
#include "log/logger.h"
#include "store/etcd_store.h"

namespace shoal::daemon {

namespace {
std::string describe_leader(const nlohmann::json& leader) {
    if (!leader.is_object()) return "no conductor leads right now (an election is under way)";
    std::string text = "the leader is " + leader.value("name", std::string("?"));
    if (leader.contains("tcp"))
        text += fmt::format(" (control: {})", leader["tcp"].get<std::string>());
    else if (leader.contains("socket"))
        text +=
            fmt::format(" (control socket {} on its host)", leader["socket"].get<std::string>());
    return text;
}
}  // namespace

void ClusterRole::require_leader(const std::string& self) const {
    if (!clustered) return;
    if (!leadership.etcd_reachable)
        throw OperatorError(
            OperatorError::Kind::refused,
            fmt::format("refused: etcd is unreachable, so no change can be published "
                        "({}); nothing was changed, retry when etcd is back",
                        leadership.etcd_error));
    if (leadership.leading && synced) return;
    if (leadership.leading)
        throw OperatorError(OperatorError::Kind::refused,
                            "refused: this conductor was just elected and has not read the stored "
                            "tables yet; nothing was changed, retry in a moment");
    throw store::NotLeaderError(
        fmt::format("this conductor does not lead; {}: send operator commands there",
                    describe_leader(leadership.leader)),
        leadership.leader, self);
}

nlohmann::json ClusterRole::to_json() const {
    if (!clustered) return {{"mode", "single"}, {"leading", true}};
    nlohmann::json out = {{"mode", "cluster"},
                          {"leading", leadership.leading},
                          {"leader", leadership.leader},
                          {"etcd_reachable", leadership.etcd_reachable},
                          {"since_ms", leadership.since.time_since_epoch().count()}};
    if (!leadership.etcd_error.empty()) out["etcd_error"] = leadership.etcd_error;
    return out;
}

nlohmann::json conductor_identity(const config::DaemonConfig& config, const std::string& name) {
    nlohmann::json identity = {{"name", name}, {"socket", config.control.socket.string()}};
    if (config.control.tcp)
        identity["tcp"] = config.control.tcp->to_string();  // brackets around IPv6
    return identity;
}

std::unique_ptr<store::LeaderElection> start_election(boost::asio::io_context& io,
                                                      const config::DaemonConfig& config,
                                                      store::Store& store, Conductor& conductor) {
    auto* etcd = dynamic_cast<store::EtcdStore*>(&store);
    if (!etcd) return nullptr;
    conductor.set_clustered();
    return std::make_unique<store::LeaderElection>(
        io, *etcd, conductor_identity(config, conductor.publisher()),
        [&conductor](const store::Leadership& leadership) {
            conductor.set_leadership(leadership);
        });
}

nlohmann::json agents_store_health(const store::ReportsResult& reports) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& report : reports.reports)
        if (report.details.is_object() && report.details.contains("store") &&
            report.details["store"].value("type", "") == "etcd")
            out[report.server] = report.details["store"];
    return out;
}

void collect_cluster_metrics(metrics::ShoalMetrics& metrics, store::Store& store,
                             const Conductor* conductor) {
    auto* etcd = dynamic_cast<store::EtcdStore*>(&store);
    const bool reachable =
        conductor ? conductor->etcd_reachable() : !etcd || etcd->health().reachable;
    metrics.store_reachable.set({}, reachable ? 1 : 0);
    if (conductor) metrics.conductor_leader.set({}, conductor->cluster().may_publish() ? 1 : 0);
}

nlohmann::json store_health_json(store::Store& store) {
    auto* etcd = dynamic_cast<store::EtcdStore*>(&store);
    if (!etcd) return {{"type", "file"}, {"describe", store.describe()}};
    const auto health = etcd->health();
    nlohmann::json out = {{"type", "etcd"},
                          {"reachable", health.reachable},
                          {"endpoint", health.endpoint},
                          {"since_ms", health.since.time_since_epoch().count()}};
    if (!health.error.empty()) out["error"] = health.error;
    return out;
}

}  // namespace shoal::daemon
