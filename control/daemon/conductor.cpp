// SPDX-License-Identifier: MIT
#include "daemon/conductor.h"

#include <fmt/format.h>
#include <unistd.h>

#include <random>

#include "base/asio_endpoint.h"
#include "daemon/conductor_views.h"
#include "daemon/table_inputs.h"
#include "log/logger.h"
#include "table/table_builder.h"

namespace shoal::daemon {
namespace {

std::string publisher_name() {
    char host[256] = {};
    gethostname(host, sizeof(host) - 1);
    return fmt::format("conductor@{}/{}", host, getpid());
}

health::CheckConfig check_config(const config::HealthCheckConfig& c) {
    health::CheckConfig out;
    out.type =
        c.type == config::HealthCheckType::http ? health::CheckType::http : health::CheckType::tcp;
    out.interval = c.interval;
    out.timeout = c.timeout;
    out.rise = c.rise;
    out.fall = c.fall;
    out.jitter = c.jitter;
    out.http_path = c.path;
    return out;
}

}  // namespace

Conductor::Conductor(boost::asio::io_context& io, const config::DaemonConfig& config,
                     store::Store& store, metrics::ShoalMetrics& metrics)
    : io_(io),
      config_(config),
      store_(store),
      metrics_(metrics),
      state_file_(config.conductor->state_file),
      health_(io,
              {.on_transition =
                   [this](const health::Transition& t) {
                       log::info("health_changed", {{"service", t.target.service},
                                                    {"server", t.target.server},
                                                    {"from", health::to_string(t.from)},
                                                    {"to", health::to_string(t.to)},
                                                    {"reason", t.reason}});
                       rebuild(fmt::format("health {} {}", health::to_string(t.target),
                                           health::to_string(t.to)));
                   },
               .on_probe =
                   [this](const health::ProbeReport& p) {
                       metrics_.health_check_duration.observe(
                           {p.target.service, p.healthy ? "success" : "failure"},
                           std::chrono::duration<double>(p.duration).count());
                   }},
              std::random_device{}()),
      rebuild_timer_(io),
      load_timer_(io),
      load_(config.conductor->load_controller),
      publisher_(publisher_name()),
      worker_(io),
      mirror_(io, store, worker_, {.interval = config.store.check_interval, .periodic = true}) {}

Conductor::~Conductor() { stop(); }

void Conductor::start() {
    auto loaded = state_file_.load(config_.fleet);
    for (const auto& w : loaded.warnings)
        log::warn("operator_state", {{"file", state_file_.path().string()}, {"warning", w}});
    state_ = std::move(loaded.state);

    auto read = store_.read();
    for (const auto& problem : read.problems) log::warn("store_problem", {{"problem", problem}});
    current_ = read.snapshot;
    // A follower shows the leader's generation: the mirror reads it too, in cluster mode.
    mirror_.set_read_current(cluster_.clustered);
    mirror_.load_now(read);  // the first build sees the agents' busy second hops
    mirror_.start();
    if (current_ && !loaded.existed && !current_->operator_state.empty()) {
        // No state file here (a new conductor host): the published state is the truth.
        state_ = current_->operator_state;
        state_file_.save(state_);
        log::info("operator_state_from_store", {{"generation", current_->generation}});
    }
    log::info("conductor_started", {{"generation", generation()},
                                    {"publisher", publisher_},
                                    {"drained", state_.drained().size()}});
    set_health_targets();
    rebuild("start");
    schedule_rebuild();
    schedule_load_round();
}

void Conductor::reload(const config::DaemonConfig& config) {
    config_ = config;
    state_file_ = state::StateFile(config.conductor->state_file);
    const bool was_on = load_.enabled();
    load_.set_settings(config.conductor->load_controller);
    set_health_targets();
    rebuild("config reload");
    if (!was_on) schedule_load_round();  // otherwise its timer is running
}

void Conductor::stop() {
    if (stopped_) return;
    stopped_ = true;
    rebuild_timer_.cancel();
    load_timer_.cancel();
    health_.stop();
    mirror_.stop();
    worker_.stop();  // the destructor waits for a store call in flight
}

void Conductor::set_health_targets() {
    std::vector<health::Target> targets;
    for (const auto& service : config_.fleet.services) {
        if (!service.health_check) continue;
        for (const auto& name : service.pool) {
            const auto* server = config_.fleet.find_server(name);
            if (!server) continue;
            const auto& dip = server->dip4 ? *server->dip4 : *server->dip6;
            targets.push_back({{service.name, server->name},
                               to_asio(dip),
                               service.health_check->port,
                               check_config(*service.health_check)});
        }
    }
    health_.set_targets(targets);
}

health::HealthState Conductor::health_of(std::string_view service, std::string_view server) const {
    auto status = health_.status({std::string(service), std::string(server)});
    return status ? status->state : health::HealthState::unknown;
}

void Conductor::schedule_rebuild() {
    rebuild_timer_.expires_after(config_.conductor->rebuild_interval);
    rebuild_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || stopped_) return;
        rebuild("timer");  // continues moves the churn guard or the cap held back
        schedule_rebuild();
    });
}

void Conductor::schedule_load_round() {
    if (!load_.enabled()) return;
    load_timer_.expires_after(config_.conductor->load_controller.interval);
    load_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || stopped_ || !load_.enabled()) return;
        HealthLookup health = [this](std::string_view s, std::string_view v) {
            return health_of(s, v);
        };
        if (load_.round(config_.fleet, state_, health, current_.get(), mirror_.reports(),
                        store::now_ms()))
            rebuild("load");
        schedule_load_round();
    });
}

void Conductor::rebuild(std::string_view reason, bool operator_waits) {
    if (stopped_) return;
    const auto now = store::now_ms();
    store::Snapshot next;
    next.operator_state = state_;
    bool changed = !current_ || current_->operator_state != state_;
    HealthLookup health = [this](std::string_view s, std::string_view v) {
        return health_of(s, v);
    };
    std::vector<store::AgentReport> reports;  // second hops still holding connections
    if (mirror_.reports_error().empty())
        reports = mirror_.reports().reports;
    else
        log::warn("reports_unreadable",
                  {{"store", store_.describe()},
                   {"error", mirror_.reports_error()},
                   {"msg", "only the chain window guards second hops this round"}});

    for (const auto& service : config_.fleet.services) {
        const store::ServiceTable* stored = current_ ? current_->find_table(service.name) : nullptr;
        std::optional<table::Table> previous;
        if (stored && stored->service_id == service.id &&
            stored->buckets.size() == config_.fleet.table_size())
            previous = to_builder_table(*stored);
        else if (stored)
            log::warn("table_reset",
                      {{"service", service.name},
                       {"why", "table size or service id changed: building a fresh table"}});
        auto servers = service_servers(service, config_.fleet, state_, health);
        load_.apply(service, config_.fleet, state_, previous ? &*previous : nullptr, servers);
        const auto busy = previous ? second_hop_busy_mask(*stored, config_.fleet, reports, now)
                                   : std::vector<std::uint8_t>{};
        table::BuildInput input{.buckets = config_.fleet.table_size(),
                                .servers = servers,
                                .previous = previous ? &*previous : nullptr,
                                .now = now,
                                .options = {.chain_window = config_.fleet.chain_window,
                                            .chain_hold_max = config_.fleet.chain_hold_max,
                                            .max_moves = config_.fleet.max_moves()},
                                .second_hop_busy = busy};
        try {
            auto result = table::build_table(input);
            auto table = to_stored_table(service, result.table);
            if (!stored || *stored != table) changed = true;
            last_reports_[service.name] = std::move(result.report);
            next.tables.push_back(std::move(table));
        } catch (const table::TableError& e) {
            log::error("table_build_failed", {{"service", service.name},
                                              {"reason", std::string(reason)},
                                              {"error", e.what()},
                                              {"kept", stored != nullptr}});
            if (stored) next.tables.push_back(*stored);
        }
    }
    if (current_ && current_->tables.size() != next.tables.size()) changed = true;
    if (!changed) return;
    next.created_at = now;
    next.publisher = publisher_;
    publish(std::move(next), reason, operator_waits);
}

const config::ServerConfig& Conductor::server_or_throw(std::string_view name) const {
    const auto* server = config_.fleet.find_server(name);
    if (!server)
        throw OperatorError(OperatorError::Kind::not_found,
                            fmt::format("no server named '{}' in the fleet", name));
    return *server;
}

OperatorResult Conductor::operate(std::string_view server, const char* what,
                                  const std::function<bool(state::OperatorState&)>& change) {
    server_or_throw(server);
    cluster_.require_leader(publisher_);
    auto before = state_;
    if (!change(state_)) return {std::string(server), false, generation()};
    try {
        state_file_.save(state_);  // persisted before it takes effect: a restart remembers it
    } catch (...) {
        state_ = std::move(before);
        throw;
    }
    log::info("operator_change", {{"change", what}, {"server", std::string(server)}});
    rebuild(fmt::format("{} {}", what, server), /*operator_waits=*/true);
    return {std::string(server), true, generation()};
}

OperatorResult Conductor::drain(std::string_view server) {
    return operate(server, "drain", [&](auto& s) { return s.drain(server); });
}

OperatorResult Conductor::undrain(std::string_view server) {
    return operate(server, "undrain", [&](auto& s) { return s.undrain(server); });
}

OperatorResult Conductor::set_weight(std::string_view server, std::uint32_t weight) {
    return operate(server, "weight", [&](auto& s) { return s.set_weight(server, weight); });
}

OperatorResult Conductor::clear_weight(std::string_view server) {
    return operate(server, "clear_weight", [&](auto& s) { return s.clear_weight(server); });
}

nlohmann::json Conductor::plan(const nlohmann::json& request) const {
    HealthLookup health = [this](std::string_view s, std::string_view v) {
        return health_of(s, v);
    };
    auto weights = [this](const config::ServiceConfig& service, const table::Table* in_force,
                          std::vector<table::Server>& servers) {
        return load_.apply(service, config_.fleet, state_, in_force, servers);
    };
    return plan_view(request, config_.fleet, state_, health, current_.get(), mirror_.reports(),
                     weights);
}

nlohmann::json Conductor::table(const std::optional<std::string>& service,
                                const std::optional<std::uint64_t>& diff) const {
    if (!current_)
        throw OperatorError(OperatorError::Kind::not_found,
                            "no table generation has been published yet");
    std::shared_ptr<const store::Snapshot> before;
    if (diff) {
        if (etcd_known_unreachable(true))  // answer now, as etcd would after request_timeout
            throw store::StoreError(fmt::format("{}: generation {} not read: {}", store_.describe(),
                                                *diff, cluster_.leadership.etcd_error));
        before = store_.read_generation(*diff);
        if (!before)
            throw OperatorError(
                OperatorError::Kind::not_found,
                fmt::format("generation {} is not retained by the {}", *diff, store_.describe()));
    }
    return table_view(*current_, before.get(), config_.fleet, service);
}

nlohmann::json Conductor::status() const {
    HealthLookup health = [this](std::string_view s, std::string_view v) {
        return health_of(s, v);
    };
    // A follower shows what the leader published, not what it last published itself.
    // Both read in the background (store_mirror.h): status answers while etcd does not.
    const auto shown = cluster_.may_publish() ? current_ : mirror_.current().snapshot;
    auto out = status_view(config_.fleet, shown.get(), state_, health, mirror_.reports());
    load_.annotate_status(out);
    out["cluster"] = cluster_.to_json();
    if (cluster_.clustered) out["cluster"]["agents"] = agents_store_health(mirror_.reports());
    return out;
}

void Conductor::collect_metrics() {
    const auto& reports = mirror_.reports();
    std::map<std::string, double, std::less<>> load;
    for (const auto& r : reports.reports) load[r.server] = r.load;
    for (const auto& service : config_.fleet.services) {
        std::map<std::uint16_t, double> buckets;
        if (const auto* t = current_ ? current_->find_table(service.name) : nullptr)
            for (const auto& b : t->buckets) buckets[b.first_hop] += 1;
        for (const auto& name : service.pool) {
            const auto* server = config_.fleet.find_server(name);
            if (!server) continue;
            auto h = health_of(service.name, name);
            metrics_.server_health.set({service.name, name},
                                       h == health::HealthState::up     ? metrics::kHealthUp
                                       : h == health::HealthState::down ? metrics::kHealthDown
                                                                        : metrics::kHealthUnknown);
            metrics_.server_weight.set({service.name, name}, effective_weight(*server, state_));
            metrics_.server_buckets.set({service.name, name}, buckets[server->index]);
            if (auto it = load.find(name); it != load.end())
                metrics_.server_load.set({service.name, name}, it->second);
        }
    }
    load_.collect_metrics(metrics_);  // computed weights replace the config ones set above
}

}  // namespace shoal::daemon
