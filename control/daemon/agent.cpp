// SPDX-License-Identifier: MIT
#include "daemon/agent.h"

#include <net/if.h>

#include <chrono>
#include <set>

#include "agent/fabric_mtu.h"
#include "config/dataplane_records.h"
#include "daemon/cluster_role.h"
#include "daemon/dataplane_sync.h"
#include "dataplane/dataplane_error.h"
#include "daemon/stats_json.h"
#include "log/logger.h"

namespace shoal::daemon {
namespace {

using Clock = std::chrono::steady_clock;

AttachOptions attach_options(const config::AgentConfig& agent) {
    if (agent.xdp_mode == config::XdpMode::skb) return {.mode = XdpMode::skb, .skb_fallback = false};
    return {.mode = XdpMode::native, .skb_fallback = true};
}

void log_gue_auth(const config::GueAuthConfig& auth) {
    log::info("gue_auth", {{"mode", config::to_string(auth.mode)},
                           {"next_key", auth.next_key.has_value()}});
}

// Whether forwarded packets carry the GUE authentication tag (docs/dataplane.md §8).
bool gue_auth_tags(const config::AgentConfig& agent) {
    return agent.gue_auth.mode != config::GueAuthMode::off;
}

nlohmann::json attachment_json(const AttachResult& a) {
    return {{"name", a.ifname},          {"mode", std::string(xdp_mode_name(a.mode))},
            {"dispatcher", a.dispatcher}, {"fell_back_to_skb", a.fell_back_to_skb},
            {"program_id", a.program_id}, {"message", a.message}};
}

}  // namespace

Agent::Agent(boost::asio::io_context& io, const config::DaemonConfig& config, store::Store& store,
             metrics::ShoalMetrics& metrics)
    : io_(io),
      config_(config),
      store_(store),
      metrics_(metrics),
      report_timer_(io),
      load_source_(load::make_load_source(config.agent->load_source)),
      worker_(io),
      mirror_(io, store, worker_, {.interval = config.store.check_interval, .periodic = false}) {}

Agent::~Agent() { stop(false); }

void Agent::start() {
    const auto pin_dir = config_.agent->bpffs.string();
    try {
        dataplane_.emplace(Dataplane::adopt(pin_dir));
        adopted_ = true;
        log::info("dataplane_adopted", {{"pin_dir", pin_dir}, {"program_id", dataplane_->program_id()}});
    } catch (const DataplaneError& e) {
        log::info("dataplane_load", {{"pin_dir", pin_dir}, {"why", e.what()}});
        dataplane_.emplace(Dataplane::load({.pin_dir = pin_dir}));
    }
    write_fleet_records(*dataplane_, config_.fleet, *config_.agent);
    log_gue_auth(config_.agent->gue_auth);
    attach_interfaces();

    watch_ = store_.watch(io_, [this](const store::ReadResult& result) { apply(result); });
    mirror_.touch();  // a first copy of the fleet's reports, in the background
    schedule_report();
}

void Agent::attach_interfaces() {
    attachments_.clear();
    std::set<std::uint32_t> tx_ports;
    for (const auto& ifname : config_.agent->interfaces) {
        if (auto existing = dataplane_->attachment(ifname)) {
            attachments_.push_back(*existing);
            log::info("xdp_kept", {{"interface", ifname}, {"mode", xdp_mode_name(existing->mode)},
                                   {"program_id", existing->program_id}});
        } else {
            auto result = dataplane_->attach(ifname, attach_options(*config_.agent));
            attachments_.push_back(result);
            log::info("xdp_attached", {{"interface", ifname}, {"mode", xdp_mode_name(result.mode)},
                                       {"dispatcher", result.dispatcher}, {"msg", result.message}});
        }
        const auto& a = attachments_.back();
        if (a.mode == XdpMode::skb)
            log::warn("xdp_skb_mode", {{"interface", ifname},
                                       {"msg", "XDP runs in skb (generic) mode: slower, check the NIC driver"}});
        if (!a.dispatcher)
            log::warn("xdp_no_dispatcher",
                      {{"interface", ifname},
                       {"msg", "libxdp's dispatcher is unavailable here; shoal_xdp is attached alone"}});
        if (const unsigned ifindex = ::if_nametoindex(ifname.c_str())) tx_ports.insert(ifindex);
    }
    // XDP_REDIRECT may go out of exactly these interfaces (the program has XDP on them).
    dataplane_->tx_ports().replace_all(tx_ports);
    log::info("tx_ports", {{"interfaces", tx_ports.size()}});
}

void Agent::apply(const store::ReadResult& result) {
    for (const auto& problem : result.problems)
        log::warn("store_problem", {{"store", store_.describe()}, {"problem", problem}});
    last_read_ = result;
    if (!result.snapshot || detached_ || stopped_) return;
    last_snapshot_ = result.snapshot;
    const auto started = Clock::now();
    try {
        auto applied = apply_tables(*dataplane_, config_.fleet, *result.snapshot, applied_tables_);
        const auto elapsed = std::chrono::duration<double>(Clock::now() - started);
        for (const auto& why : applied.skipped) log::warn("table_skipped", {{"why", why}});
        const bool first = applied_generation_ == 0;
        applied_generation_ = result.snapshot->generation;
        metrics_.table_generation.set({}, double(applied_generation_));
        if (!applied.published.empty() || first) {
            metrics_.table_apply_seconds.observe({}, elapsed.count());
            log::info("table_applied", {{"generation", applied_generation_},
                                        {"services_changed", applied.published.size()},
                                        {"services_unchanged", applied.unchanged.size()},
                                        {"apply_ms", elapsed}});
        }
    } catch (const std::exception& e) {
        metrics_.table_apply_failures.inc({});
        log::error("table_apply_failed",
                   {{"generation", result.snapshot->generation}, {"error", e.what()}});
    }
}

std::vector<shoal_service_key> Agent::tcp_service_keys() const {
    std::vector<shoal_service_key> keys;
    for (const auto& record : config::service_records(config_.fleet))
        if (record.key.proto == IPPROTO_TCP) keys.push_back(record.key);
    return keys;
}

void Agent::report() {
    store::AgentReport report;
    report.server = config_.agent->server;
    report.reported_at = store::now_ms();
    report.applied_generation = applied_generation_;
    const load::LoadSample load = load_source_->sample();
    if (load.ok())
        report.load = *load.utilisation;
    else
        report.load_error = load.error;  // the conductor holds this server's weight and says why
    try {
        for (auto n : established_.count(tcp_service_keys())) report.established += n;
        report.second_hop_busy = second_hop_busy();
        auto stats = dataplane_->stats().read();
        for (const auto& row : stats.rows)
            for (std::size_t s = 0; s < row.size(); ++s) {
                if (shoal_stat_is_event(static_cast<int>(s))) continue;
                report.packets += row[s].packets;
                report.bytes += row[s].bytes;
            }
        report.details["interfaces"] = nlohmann::json::array();
        for (const auto& a : attachments_) report.details["interfaces"].push_back(attachment_json(a));
        report.details["adopted"] = adopted_;
        report.details["detached"] = detached_;
        report.details["store"] = store_health_json(store_);  // etcd health as this agent sees it
        report.mtu = fabric_mtu();
        log_fabric_mtu(*report.mtu);
    } catch (const std::exception& e) {
        log::warn("report_failed", {{"server", report.server}, {"error", e.what()}});
        return;
    }
    // Written in the background: while etcd holds one report the next replaces the one
    // waiting, so at most one waits and the newest is sent.
    worker_.submit(
        "report", [&store = store_, report] { store.put_report(report); },
        [server = report.server](store::StoreOutcome<std::monostate> outcome) {
            if (!outcome.ok()) log::warn("report_failed", {{"server", server}, {"error", outcome.error}});
        });
}

store::FabricMtu Agent::fabric_mtu() const {
    const auto& agent = *config_.agent;
    const bool auth = gue_auth_tags(agent);
    agent::MtuInputs inputs;
    inputs.overhead = agent::fleet_gue_overhead(config_.fleet, agent.server, auth);
    inputs.gue_auth = auth;
    inputs.edge_mtu = agent.edge_mtu;
    for (const auto& ifname : agent.interfaces) inputs.interfaces.emplace_back(ifname, agent::interface_mtu(ifname));
    return agent::fabric_mtu(inputs);
}

void Agent::log_fabric_mtu(const store::FabricMtu& mtu) {
    if (fabric_mtu_ok_ == mtu.ok()) return;
    fabric_mtu_ok_ = mtu.ok();
    if (mtu.ok())
        log::info("fabric_mtu_ok", {{"max_inner_packet", mtu.max_inner_packet}, {"edge_mtu", mtu.edge_mtu},
                                    {"overhead", mtu.overhead}});
    else
        log::warn("fabric_mtu_low", {{"max_inner_packet", mtu.max_inner_packet}, {"edge_mtu", mtu.edge_mtu},
                                     {"overhead", mtu.overhead}, {"msg", mtu.warning()}});
}

const store::ReportsResult& Agent::fleet_reports() {
    mirror_.touch();
    return mirror_.reports();
}

agent::BusyBuckets Agent::second_hop_busy() {
    if (!last_snapshot_ || !agent::second_hop_anywhere(config_.fleet, config_.agent->server, *last_snapshot_))
        return {};
    auto flows = local_flows_.dump(IPPROTO_TCP, agent::owning_tcp_states());
    auto udp = local_flows_.dump(IPPROTO_UDP, agent::kEstablishedOnly);  // connected sockets
    flows.insert(flows.end(), udp.begin(), udp.end());
    return agent::busy_second_hop_buckets(flows, config_.fleet, config_.agent->server, *last_snapshot_);
}

void Agent::schedule_report() {
    report();
    report_timer_.expires_after(config_.agent->report_interval);
    report_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || stopped_) return;
        schedule_report();
    });
}

void Agent::reload(const config::DaemonConfig& config) {
    const bool interfaces_changed = config.agent->interfaces != config_.agent->interfaces ||
                                    config.agent->xdp_mode != config_.agent->xdp_mode;
    const bool gue_auth_changed = config.agent->gue_auth != config_.agent->gue_auth;
    if (config.agent->load_source != config_.agent->load_source)
        load_source_ = load::make_load_source(config.agent->load_source);
    config_ = config;
    if (detached_) return;
    write_fleet_records(*dataplane_, config_.fleet, *config_.agent);
    if (gue_auth_changed) log_gue_auth(config_.agent->gue_auth);
    applied_tables_.clear();  // services may have been removed with their tables: re-read the maps
    if (interfaces_changed) attach_interfaces();
    if (last_snapshot_) apply(store::ReadResult{last_snapshot_, last_snapshot_->generation, {}});
}

void Agent::stop(bool detach_dataplane) {
    if (stopped_) return;
    stopped_ = true;
    report_timer_.cancel();
    watch_.reset();
    mirror_.stop();
    worker_.stop();  // drops a report not yet sent; the destructor waits for one in flight
    if (detach_dataplane && dataplane_ && !detached_) detach();
}

nlohmann::json Agent::detach() {
    nlohmann::json detached = nlohmann::json::array();
    if (!dataplane_) return {{"detached", detached}};
    for (const auto& ifname : config_.agent->interfaces)
        if (dataplane_->detach(ifname)) detached.push_back(ifname);
    dataplane_->unpin();
    detached_ = true;
    applied_tables_.clear();
    attachments_.clear();
    log::warn("dataplane_detached", {{"interfaces", detached.dump()}});
    return {{"detached", detached}};
}

nlohmann::json Agent::status() const {
    nlohmann::json interfaces = nlohmann::json::array();
    for (const auto& a : attachments_) interfaces.push_back(attachment_json(a));
    return {{"server", config_.agent->server},
            {"applied_generation", applied_generation_},
            {"adopted", adopted_},
            {"detached", detached_},
            {"interfaces", interfaces},
            {"mtu", fabric_mtu().to_json()}};
}

nlohmann::json Agent::stats() const {
    return stats_json(dataplane_->stats().read(), config_.fleet, config_.agent->server);
}

void Agent::collect_metrics() {
    if (!dataplane_ || detached_) return;
    auto stats = dataplane_->stats().read();
    for (const auto& service : config_.fleet.services)
        metrics_.set_service_counters(service.name,
                                      std::span<const shoal_counter, SHOAL_STAT_MAX>(stats.rows[service.id]));
    metrics_.set_service_counters(metrics::kNoService,
                                  std::span<const shoal_counter, SHOAL_STAT_MAX>(
                                      stats.rows[SHOAL_STATS_ROW_NONE]));
    for (const auto& a : attachments_) {
        metrics_.set_xdp_mode(a.ifname, xdp_mode_name(a.mode));
        metrics_.xdp_dispatcher.set({a.ifname}, a.dispatcher ? 1 : 0);
    }
    const auto mtu = fabric_mtu();
    for (const auto& i : mtu.interfaces) metrics_.interface_mtu_bytes.set({i.name}, i.mtu);
    metrics_.max_inner_packet_bytes.set({}, mtu.max_inner_packet);
    metrics_.fabric_mtu_ok.set({}, mtu.ok() ? 1 : 0);
    auto keys = tcp_service_keys();
    auto counts = established_.count(keys);
    std::map<std::string, double> per_service;
    auto records = config::service_records(config_.fleet);
    for (const auto& service : config_.fleet.services) per_service[service.name] = 0;
    std::size_t k = 0;
    for (const auto& record : records) {
        if (record.key.proto != IPPROTO_TCP) continue;
        for (const auto& service : config_.fleet.services)
            if (service.id == record.value.service_id) per_service[service.name] += double(counts[k]);
        ++k;
    }
    for (const auto& [name, count] : per_service) metrics_.established_connections.set({name}, count);
}

}  // namespace shoal::daemon
