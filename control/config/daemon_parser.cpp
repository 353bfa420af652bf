// SPDX-License-Identifier: MIT
#include "config/daemon_parser.h"
#include "config/etcd_parser.h"

#include <fmt/format.h>

#include <set>

#include "config/fleet_parser.h"
#include "config/fleet_validator.h"
#include "config/agent_dataplane_parser.h"
#include "config/load_parser.h"

namespace shoal::config {

namespace {
constexpr std::uint32_t kMaxKeepGenerations = 1000;
// agent.edge_mtu: IPv6's minimum link MTU up to the largest IP packet.
constexpr std::uint32_t kMinEdgeMtu = 1280;
constexpr std::uint32_t kMaxEdgeMtu = 65535;

// Linux interface names: 1-15 bytes, no '/', ':' or whitespace, not "." or "..".
bool is_interface_name(const std::string& name) {
    if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
    for (char c : name)
        if (c == '/' || c == ':' || c <= ' ' || c == 0x7F) return false;
    return true;
}

StoreConfig parse_store(const Json& value, const std::string& pointer, ErrorList& errors) {
    ObjectReader in(value, pointer, errors,
                    {"type", "path", "keep_generations", "check_interval", "endpoints", "prefix",
                     "ca_file", "cert_file", "key_file", "request_timeout", "lease_ttl", "grace",
                     "chunk_bytes"});
    StoreConfig store;
    if (const auto* v = in.find("type"))
        store.type = read_choice<StoreType>(*v, in.path("type"), errors,
                                            {{"file", StoreType::file}, {"etcd", StoreType::etcd}})
                         .value_or(store.type);
    if (const auto* v = in.find("path"))
        store.path = read_absolute_path(*v, in.path("path"), errors).value_or(store.path);
    if (const auto* v = in.find("keep_generations"))
        store.keep_generations = static_cast<std::uint32_t>(
            read_integer(*v, in.path("keep_generations"), errors, 1, kMaxKeepGenerations)
                .value_or(store.keep_generations));
    if (const auto* v = in.find("check_interval")) {
        store.check_interval =
            read_duration(*v, in.path("check_interval"), errors).value_or(store.check_interval);
        if (store.check_interval < std::chrono::milliseconds(10))
            errors.add(in.path("check_interval"),
                       "expected at least 10ms, got " + describe_value(*v));
    }
    store.etcd = parse_etcd_fields(in, store.type == StoreType::etcd);
    return store;
}

ControlConfig parse_control(const Json& value, const std::string& pointer, ErrorList& errors) {
    ObjectReader in(value, pointer, errors, {"socket", "tcp"});
    ControlConfig control;
    if (const auto* v = in.find("socket"))
        control.socket = read_absolute_path(*v, in.path("socket"), errors).value_or(control.socket);
    if (const auto* v = in.find("tcp")) control.tcp = read_endpoint(*v, in.path("tcp"), errors);
    return control;
}

MetricsConfig parse_metrics(const Json& value, const std::string& pointer, ErrorList& errors) {
    ObjectReader in(value, pointer, errors, {"listen"});
    MetricsConfig metrics;
    if (in.is_object() && value.contains("listen"))  // null switches the endpoint off
        metrics.listen = in.find("listen")
                             ? read_endpoint(*in.find("listen"), in.path("listen"), errors)
                             : std::nullopt;
    return metrics;
}

LogConfig parse_log(const Json& value, const std::string& pointer, ErrorList& errors) {
    ObjectReader in(value, pointer, errors, {"level"});
    LogConfig log;
    if (const auto* v = in.find("level"))
        log.level = read_choice<LogLevel>(*v, in.path("level"), errors,
                                          {{"debug", LogLevel::debug},
                                           {"info", LogLevel::info},
                                           {"warn", LogLevel::warn},
                                           {"error", LogLevel::error}})
                        .value_or(log.level);
    return log;
}

AgentConfig parse_agent(const Json& value, const std::string& pointer, const FleetConfig& fleet,
                        ErrorList& errors) {
    ObjectReader in(value, pointer, errors,
                    {"server", "interfaces", "xdp_mode", "bpffs", "report_interval", "load_source",
                     "gue_auth", "icmp_too_big", "edge_mtu"});
    AgentConfig agent;
    if (const auto* v = in.require("server", "the name of this machine in /fleet/servers")) {
        agent.server = read_name(*v, in.path("server"), errors).value_or("");
        if (!agent.server.empty() && fleet.find_server(agent.server) == nullptr)
            errors.add(in.path("server"),
                       fmt::format("no server named \"{}\" in /fleet/servers", agent.server));
    }
    if (const auto* v = in.require("interfaces", "a non-empty array of interface names")) {
        if (const auto* names = read_array(*v, in.path("interfaces"), errors, false)) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < names->size(); ++i) {
                const auto at = pointer_join(in.path("interfaces"), i);
                const auto& name = (*names)[i];
                if (!name.is_string() || !is_interface_name(name.get<std::string>()))
                    errors.add(
                        at,
                        "expected an interface name like \"eth0\" (1-15 characters, no '/', ':' or "
                        "spaces), got " +
                            describe_value(name));
                else if (!seen.insert(name.get<std::string>()).second)
                    errors.add(at, fmt::format("interface {} is listed more than once",
                                               name.get<std::string>()));
                else
                    agent.interfaces.push_back(name.get<std::string>());
            }
        }
    }
    if (const auto* v = in.find("xdp_mode"))
        agent.xdp_mode = read_choice<XdpMode>(*v, in.path("xdp_mode"), errors,
                                              {{"native", XdpMode::native}, {"skb", XdpMode::skb}})
                             .value_or(agent.xdp_mode);
    if (const auto* v = in.find("bpffs"))
        agent.bpffs = read_absolute_path(*v, in.path("bpffs"), errors).value_or(agent.bpffs);
    if (const auto* v = in.find("report_interval")) {
        agent.report_interval =
            read_duration(*v, in.path("report_interval"), errors).value_or(agent.report_interval);
        if (agent.report_interval < std::chrono::milliseconds(100))
            errors.add(in.path("report_interval"),
                       "expected at least 100ms, got " + describe_value(*v));
    }
    if (const auto* v = in.find("load_source"))
        agent.load_source = parse_load_source(*v, in.path("load_source"), errors);
    if (const auto* v = in.find("gue_auth"))
        agent.gue_auth = parse_gue_auth(*v, in.path("gue_auth"), errors);
    if (const auto* v = in.find("icmp_too_big"))
        agent.icmp_too_big = parse_icmp_too_big(*v, in.path("icmp_too_big"), errors);
    if (const auto* v = in.find("edge_mtu"))
        agent.edge_mtu = static_cast<std::uint32_t>(
            read_integer(*v, in.path("edge_mtu"), errors, kMinEdgeMtu, kMaxEdgeMtu)
                .value_or(agent.edge_mtu));
    return agent;
}

ConductorConfig parse_conductor(const Json& value, const std::string& pointer, ErrorList& errors) {
    ObjectReader in(value, pointer, errors, {"state_file", "rebuild_interval", "load_controller"});
    ConductorConfig conductor;
    if (const auto* v = in.find("state_file"))
        conductor.state_file =
            read_absolute_path(*v, in.path("state_file"), errors).value_or(conductor.state_file);
    if (const auto* v = in.find("rebuild_interval")) {
        conductor.rebuild_interval = read_duration(*v, in.path("rebuild_interval"), errors)
                                         .value_or(conductor.rebuild_interval);
        if (conductor.rebuild_interval < std::chrono::milliseconds(100))
            errors.add(in.path("rebuild_interval"),
                       "expected at least 100ms, got " + describe_value(*v));
    }
    if (const auto* v = in.find("load_controller"))
        conductor.load_controller = parse_load_controller(*v, in.path("load_controller"), errors);
    return conductor;
}
}  // namespace

DaemonConfig parse_daemon_config(const Json& document, ErrorList& errors) {
    ObjectReader in(document, "", errors,
                    {"fleet", "store", "control", "metrics", "log", "agent", "conductor"});
    DaemonConfig config;
    config.source = errors.source();
    if (!in.is_object()) return config;
    if (const auto* v = in.require("fleet", "the fleet: servers and services")) {
        config.fleet = parse_fleet(*v, "/fleet", errors);
        validate_fleet(config.fleet, "/fleet", errors);
    }
    if (const auto* v = in.find("store")) config.store = parse_store(*v, "/store", errors);
    if (const auto* v = in.find("control")) config.control = parse_control(*v, "/control", errors);
    if (const auto* v = in.find("metrics")) config.metrics = parse_metrics(*v, "/metrics", errors);
    if (const auto* v = in.find("log")) config.log = parse_log(*v, "/log", errors);
    if (const auto* v = in.find("agent"))
        config.agent = parse_agent(*v, "/agent", config.fleet, errors);
    if (const auto* v = in.find("conductor"))
        config.conductor = parse_conductor(*v, "/conductor", errors);
    if (!config.agent && !config.conductor)
        errors.add(
            "/",
            "expected \"agent\", \"conductor\" or both: they decide the roles this shoald runs");
    return config;
}

}  // namespace shoal::config
