// SPDX-License-Identifier: MIT
// Everything one shoald reads from its config file. Which of `agent` and `conductor` are
// present decides the roles it runs. Field meanings: docs/config.md.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/address.h"
#include "config/etcd_config.h"
#include "config/fleet_config.h"
#include "load/controller_settings.h"
#include "load/load_source.h"
#include "log/log_level.h"

namespace shoal::config {

enum class StoreType : std::uint8_t { file, etcd };
using LogLevel = log::Level; // the daemon's logger's levels, one enum for both
enum class XdpMode : std::uint8_t { native, skb };

std::string_view to_string(StoreType type);
std::string_view to_string(XdpMode mode);

struct StoreConfig {
    StoreType type = StoreType::file;
    std::filesystem::path path = "/var/lib/shoal/store";
    std::uint32_t keep_generations = 10;
    std::chrono::milliseconds check_interval{1000};  // re-check besides inotify (or the watch)
    EtcdConfig etcd;                                 // type etcd only

    bool operator==(const StoreConfig&) const = default;
};

struct ControlConfig {
    std::filesystem::path socket = "/run/shoal/shoald.sock";
    std::optional<Endpoint> tcp;  // no TCP control port unless configured

    bool operator==(const ControlConfig&) const = default;
};

struct MetricsConfig {
    std::optional<Endpoint> listen = Endpoint{*parse_ipv4("127.0.0.1"), 9469};  // nullopt: off

    bool operator==(const MetricsConfig&) const = default;
};

struct LogConfig {
    LogLevel level = LogLevel::info;

    bool operator==(const LogConfig&) const = default;
};

enum class GueAuthMode : std::uint8_t { off, permissive, enforce };
std::string_view to_string(GueAuthMode mode);  // "off", "permissive", "enforce"

// agent.gue_auth: who may send this server GUE (docs/dataplane.md §8). The keys are read from
// their files when the config is read (at start and on every reload).
struct GueAuthConfig {
    GueAuthMode mode = GueAuthMode::off;
    std::optional<std::filesystem::path> key_file;
    std::optional<std::filesystem::path> next_key_file;
    std::optional<std::array<std::uint64_t, 2>> key;       // key_file's, as SipHash k0, k1
    std::optional<std::array<std::uint64_t, 2>> next_key;  // next_key_file's

    bool operator==(const GueAuthConfig&) const = default;
};

// agent.icmp_too_big: the answers to packets too big for the fabric (docs/dataplane.md §9).
struct IcmpTooBigConfig {
    std::uint32_t rate = SHOAL_DEFAULT_ICMP_TOO_BIG_RATE;    // per second per CPU; 0: none
    std::uint32_t burst = SHOAL_DEFAULT_ICMP_TOO_BIG_BURST;  // at once

    bool operator==(const IcmpTooBigConfig&) const = default;
};

struct AgentConfig {
    std::string server;  // this machine's name in fleet.servers
    std::vector<std::string> interfaces;
    XdpMode xdp_mode = XdpMode::native;
    std::filesystem::path bpffs = "/sys/fs/bpf/shoal";
    std::chrono::milliseconds report_interval{2000};
    load::SourceSpec load_source;  // where this server's load is read; /proc/stat by default
    GueAuthConfig gue_auth;
    IcmpTooBigConfig icmp_too_big;
    // The largest packet clients send (their path MTU to the VIPs); the fabric MTU check
    // (agent/fabric_mtu.h) wants every attached interface's MTU >= this + GUE's overhead.
    std::uint32_t edge_mtu = 1500;

    bool operator==(const AgentConfig&) const = default;
};

struct ConductorConfig {
    std::filesystem::path state_file = "/var/lib/shoal/operator-state.json";
    std::chrono::milliseconds rebuild_interval{5000};
    load::ControllerSettings load_controller;  // off unless configured

    bool operator==(const ConductorConfig&) const = default;
};

struct DaemonConfig {
    std::string source;  // the file it was read from, for messages
    FleetConfig fleet;
    StoreConfig store;
    ControlConfig control;
    MetricsConfig metrics;
    LogConfig log;
    std::optional<AgentConfig> agent;
    std::optional<ConductorConfig> conductor;

    bool runs_agent() const noexcept { return agent.has_value(); }
    bool runs_conductor() const noexcept { return conductor.has_value(); }
    // The agent's own entry in fleet.servers; nullptr without an agent role.
    const ServerConfig* own_server() const noexcept;

    bool operator==(const DaemonConfig&) const = default;
};

}  // namespace shoal::config
