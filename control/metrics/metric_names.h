// SPDX-License-Identifier: MIT
// The one list of Shoal's metric names and labels; dashboards, alert rules and their tests
// check against it. The families themselves (help, labels, buckets) are in shoal_metrics.h.
//
// Traffic: shoal_packets_total / shoal_bytes_total{service,action} mirror the data plane's
// shoal_stats rows. action is the verdict counter's name in lower case without "SHOAL_STAT_"
// ("keep_syn", "forward_first_hop", "drop_too_big", ...): every packet counts under exactly
// one action, so sum() over actions is all packets. Drops are also in
// shoal_drops_total{service,reason} (reason = action without "drop_", e.g. "too_big") so
// alerts and panels need no regex; it counts the same packets as the drop_* actions.
// Decapsulation is an event on top of a verdict, so it has its own counter
// (shoal_decapsulated_packets_total) and never appears as an action; so are GUE packets
// failing authentication: shoal_gue_auth_failures_total{reason="missing"|"bad"} (row NONE,
// service=""), counted in modes permissive and enforce (enforce also drops them: the action
// drop_gue_auth).
// Packets that matched no service (row SHOAL_STATS_ROW_NONE) carry service="".
#pragma once

#include <array>
#include <string_view>

namespace shoal::metrics::names {

// Agent: traffic, from the shoal_stats map at scrape time.
inline constexpr std::string_view packets_total = "shoal_packets_total";
inline constexpr std::string_view bytes_total = "shoal_bytes_total";
inline constexpr std::string_view drops_total = "shoal_drops_total";
inline constexpr std::string_view decapsulated_packets_total = "shoal_decapsulated_packets_total";
inline constexpr std::string_view gue_auth_failures_total = "shoal_gue_auth_failures_total";
// Agent: tables.
inline constexpr std::string_view table_generation = "shoal_table_generation";
inline constexpr std::string_view table_apply_seconds = "shoal_table_apply_seconds";
inline constexpr std::string_view table_apply_failures_total = "shoal_table_apply_failures_total";
// Agent: attachment.
inline constexpr std::string_view xdp_mode = "shoal_xdp_mode";
inline constexpr std::string_view xdp_dispatcher = "shoal_xdp_dispatcher";
// Agent: connections to the VIPs this server holds (NETLINK_SOCK_DIAG).
inline constexpr std::string_view established_connections = "shoal_established_connections";
// Agent: the fabric MTU check (control/agent/fabric_mtu.h): each attached interface's MTU, the
// largest inner packet GUE can carry over them, and 1 when that is at least the edge MTU.
inline constexpr std::string_view interface_mtu_bytes = "shoal_interface_mtu_bytes";
inline constexpr std::string_view max_inner_packet_bytes = "shoal_max_inner_packet_bytes";
inline constexpr std::string_view fabric_mtu_ok = "shoal_fabric_mtu_ok";
// Conductor: tables published, servers as the conductor sees them, health checks.
inline constexpr std::string_view table_published_generation = "shoal_table_published_generation";
inline constexpr std::string_view server_health = "shoal_server_health";
inline constexpr std::string_view server_weight = "shoal_server_weight";
inline constexpr std::string_view server_buckets = "shoal_server_buckets";
inline constexpr std::string_view server_load = "shoal_server_load";
inline constexpr std::string_view health_check_duration_seconds =
    "shoal_health_check_duration_seconds";
// Conductor: the load feedback controller (docs/config.md, "Load feedback").
inline constexpr std::string_view server_target_share = "shoal_server_target_share";
inline constexpr std::string_view server_weight_source = "shoal_server_weight_source";
inline constexpr std::string_view server_load_held = "shoal_server_load_held";
inline constexpr std::string_view load_moved_buckets = "shoal_load_moved_buckets";
inline constexpr std::string_view load_mean_utilisation = "shoal_load_mean_utilisation";
// Cluster mode (the etcd store): leadership and the store's reachability.
inline constexpr std::string_view conductor_leader = "shoal_conductor_leader";
inline constexpr std::string_view store_reachable = "shoal_store_reachable";

inline constexpr std::array all = {
    packets_total,
    bytes_total,
    drops_total,
    decapsulated_packets_total,
    gue_auth_failures_total,
    table_generation,
    table_apply_seconds,
    table_apply_failures_total,
    xdp_mode,
    xdp_dispatcher,
    established_connections,
    interface_mtu_bytes,
    max_inner_packet_bytes,
    fabric_mtu_ok,
    table_published_generation,
    server_health,
    server_weight,
    server_buckets,
    server_load,
    health_check_duration_seconds,
    server_target_share,
    server_weight_source,
    server_load_held,
    load_moved_buckets,
    load_mean_utilisation,
    conductor_leader,
    store_reachable,
};

// Names that are histograms, whose series carry _bucket, _sum and _count suffixes.
inline constexpr std::array histograms = {table_apply_seconds, health_check_duration_seconds};

}  // namespace shoal::metrics::names

namespace shoal::metrics::labels {

inline constexpr std::string_view service = "service";
inline constexpr std::string_view action = "action";
inline constexpr std::string_view reason = "reason";
inline constexpr std::string_view interface = "interface";
inline constexpr std::string_view mode = "mode";
inline constexpr std::string_view server = "server";
inline constexpr std::string_view result = "result";
inline constexpr std::string_view source = "source";

}  // namespace shoal::metrics::labels
