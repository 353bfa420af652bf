// SPDX-License-Identifier: MIT
// Every Shoal metric family, registered once with its help text, labels and buckets.
// The daemon creates one ShoalMetrics on its Registry and fills what its role owns.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "metrics/registry.h"
#include "shoal_abi.h"

namespace shoal::metrics {

// The XDP attach modes shoal_xdp_mode knows (libxdp's native, skb and hw offload).
inline constexpr std::array<std::string_view, 3> kXdpModes = {"native", "skb", "hw"};

// shoal_server_health values.
inline constexpr double kHealthUp = 1;
inline constexpr double kHealthDown = 0;
inline constexpr double kHealthUnknown = -1;  // no verdict yet (fewer than rise/fall probes)

// The service label of packets that matched no service (row SHOAL_STATS_ROW_NONE).
inline constexpr std::string_view kNoService = "";

// A verdict counter's action label ("keep_syn"); nullopt for the events (DECAP, GUE_AUTH_*).
std::optional<std::string_view> stat_action(shoal_stat stat);
// A drop counter's reason label ("too_big"); nullopt for anything but SHOAL_STAT_DROP_*.
std::optional<std::string_view> stat_drop_reason(shoal_stat stat);

class ShoalMetrics {
  public:
    explicit ShoalMetrics(Registry& registry);

    CounterFamily& packets;                   // {service, action}
    CounterFamily& bytes;                     // {service, action}
    CounterFamily& drops;                     // {service, reason}
    CounterFamily& decapsulated_packets;      // {service}
    CounterFamily& gue_auth_failures;         // {service, reason}; reason "missing" | "bad"
    GaugeFamily& table_generation;            // {}
    HistogramFamily& table_apply_seconds;     // {}
    CounterFamily& table_apply_failures;      // {}
    GaugeFamily& xdp_mode;                    // {interface, mode}
    GaugeFamily& xdp_dispatcher;              // {interface}
    GaugeFamily& established_connections;     // {service}
    GaugeFamily& interface_mtu_bytes;         // {interface}
    GaugeFamily& max_inner_packet_bytes;      // {}
    GaugeFamily& fabric_mtu_ok;               // {}; 0 while an interface is too small for GUE
    GaugeFamily& table_published_generation;  // {}
    GaugeFamily& server_health;               // {service, server}
    GaugeFamily& server_weight;               // {service, server}
    GaugeFamily& server_buckets;              // {service, server}
    GaugeFamily& server_load;                 // {service, server}
    HistogramFamily& health_check_duration;   // {service, result}; result "success"|"failure"
    GaugeFamily& server_target_share;         // {service, server}
    GaugeFamily& server_weight_source;        // {service, server, source}; 1 for the one in use
    GaugeFamily& server_load_held;            // {service, server, reason}; 1 for why it is held
    GaugeFamily& load_moved_buckets;          // {service}; the last controller round
    GaugeFamily& load_mean_utilisation;       // {service}
    GaugeFamily& conductor_leader;            // {}; 1 while this conductor may publish
    GaugeFamily& store_reachable;             // {}; 0 while no etcd member answers

    // Mirrors one shoal_stats row (per-CPU values already summed) into packets, bytes,
    // drops, decapsulated_packets and gue_auth_failures for this service.
    void set_service_counters(std::string_view service,
                              std::span<const shoal_counter, SHOAL_STAT_MAX> row);
    // 1 for the mode the interface runs in, 0 for the others; MetricsError for an unknown mode.
    void set_xdp_mode(std::string_view interface, std::string_view mode);
    // Drops every per-server series of a server that left the configuration.
    void forget_server(std::string_view service, std::string_view server);
};

}  // namespace shoal::metrics
