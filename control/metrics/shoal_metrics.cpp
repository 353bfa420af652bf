// SPDX-License-Identifier: MIT
#include "metrics/shoal_metrics.h"

#include <fmt/format.h>

#include <algorithm>

#include "metrics/metric_names.h"
#include "metrics/metrics_error.h"

namespace shoal::metrics {
namespace {

// Indexed by enum shoal_stat; "" marks the events, which are not verdicts.
constexpr std::array<std::string_view, SHOAL_STAT_MAX> kStatActions = {
    "pass_not_ip",            // SHOAL_STAT_PASS_NOT_IP
    "pass_not_service",       // SHOAL_STAT_PASS_NOT_SERVICE
    "pass_unparsed",          // SHOAL_STAT_PASS_UNPARSED
    "pass_fragment",          // SHOAL_STAT_PASS_FRAGMENT
    "keep_syn",               // SHOAL_STAT_KEEP_SYN
    "keep_socket",            // SHOAL_STAT_KEEP_SOCKET
    "keep_syncookie",         // SHOAL_STAT_KEEP_SYNCOOKIE
    "keep_last_hop",          // SHOAL_STAT_KEEP_LAST_HOP
    "keep_second_hop_owned",  // SHOAL_STAT_KEEP_SECOND_HOP_OWNED
    "forward_first_hop",      // SHOAL_STAT_FORWARD_FIRST_HOP
    "forward_second_hop",     // SHOAL_STAT_FORWARD_SECOND_HOP
    "forward_return",         // SHOAL_STAT_FORWARD_RETURN
    "",                       // SHOAL_STAT_DECAP
    "drop_malformed",         // SHOAL_STAT_DROP_MALFORMED
    "drop_bad_gue",           // SHOAL_STAT_DROP_BAD_GUE
    "drop_gue_not_member",    // SHOAL_STAT_DROP_GUE_NOT_MEMBER
    "drop_gue_not_service",   // SHOAL_STAT_DROP_GUE_NOT_SERVICE
    "drop_too_big",           // SHOAL_STAT_DROP_TOO_BIG
    "drop_no_table",          // SHOAL_STAT_DROP_NO_TABLE
    "drop_no_server",         // SHOAL_STAT_DROP_NO_SERVER
    "drop_fib_no_neigh",      // SHOAL_STAT_DROP_FIB_NO_NEIGH
    "drop_fib_failed",        // SHOAL_STAT_DROP_FIB_FAILED
    "drop_no_headroom",       // SHOAL_STAT_DROP_NO_HEADROOM
    "drop_ttl_expired",       // SHOAL_STAT_DROP_TTL_EXPIRED
    "drop_ce_not_ect",        // SHOAL_STAT_DROP_CE_NOT_ECT
    "drop_no_tx_port",        // SHOAL_STAT_DROP_NO_TX_PORT
    "drop_fragment",          // SHOAL_STAT_DROP_FRAGMENT
    "keep_fragment",          // SHOAL_STAT_KEEP_FRAGMENT
    "icmp_too_big_sent",      // SHOAL_STAT_ICMP_TOO_BIG_SENT
    "drop_icmp_rate_limited", // SHOAL_STAT_DROP_ICMP_RATE_LIMITED
    "drop_gue_auth",          // SHOAL_STAT_DROP_GUE_AUTH
    "",                       // SHOAL_STAT_GUE_AUTH_MISSING
    "",                       // SHOAL_STAT_GUE_AUTH_BAD
};
static_assert(SHOAL_STAT_MAX == 33, "a shoal_stat was added or removed: update kStatActions");
static_assert(SHOAL_STAT_DECAP == 12 && SHOAL_STAT_DROP_MALFORMED == 13 &&
                  SHOAL_STAT_DROP_NO_HEADROOM == 22 && SHOAL_STAT_GUE_AUTH_BAD == 32,
              "shoal_stat order changed: update kStatActions");

constexpr std::string_view kDropPrefix = "drop_";

const std::vector<double> kApplySecondsBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
const std::vector<double> kHealthCheckSecondsBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

std::string str(std::string_view view) { return std::string(view); }

}  // namespace

std::optional<std::string_view> stat_action(shoal_stat stat) {
    if (stat < 0 || stat >= SHOAL_STAT_MAX || kStatActions[stat].empty()) return std::nullopt;
    return kStatActions[stat];
}

std::optional<std::string_view> stat_drop_reason(shoal_stat stat) {
    const auto action = stat_action(stat);
    if (!action || action->substr(0, kDropPrefix.size()) != kDropPrefix) return std::nullopt;
    return action->substr(kDropPrefix.size());
}

ShoalMetrics::ShoalMetrics(Registry& r)
    : packets(r.counter(str(names::packets_total),
                        "Packets the XDP program handled, by service and verdict (action).",
                        {str(labels::service), str(labels::action)})),
      bytes(r.counter(str(names::bytes_total),
                      "Bytes (frame length at entry) the XDP program handled, by service and "
                      "verdict (action).",
                      {str(labels::service), str(labels::action)})),
      drops(r.counter(str(names::drops_total),
                      "Packets the XDP program dropped, by service and reason (the same packets "
                      "as the drop_* actions of shoal_packets_total).",
                      {str(labels::service), str(labels::reason)})),
      decapsulated_packets(r.counter(str(names::decapsulated_packets_total),
                                     "GUE packets from fleet members decapsulated for a service.",
                                     {str(labels::service)})),
      gue_auth_failures(r.counter(str(names::gue_auth_failures_total),
                                  "GUE packets from fleet members whose authentication tag was "
                                  "missing or matched no key (gue_auth permissive or enforce).",
                                  {str(labels::service), str(labels::reason)})),
      table_generation(r.gauge(str(names::table_generation),
                               "Table generation this agent has applied to its data plane.")),
      table_apply_seconds(r.histogram(str(names::table_apply_seconds),
                                      "Time to apply one table generation to the data plane.", {},
                                      kApplySecondsBuckets)),
      table_apply_failures(r.counter(str(names::table_apply_failures_total),
                                     "Table generations this agent failed to apply.")),
      xdp_mode(r.gauge(str(names::xdp_mode),
                       "1 for the XDP mode the program runs in on the interface "
                       "(native, skb, hw), 0 for the others.",
                       {str(labels::interface), str(labels::mode)})),
      xdp_dispatcher(r.gauge(str(names::xdp_dispatcher),
                             "1 if attached through libxdp's multi-program dispatcher, 0 if "
                             "libxdp fell back to attaching the single program.",
                             {str(labels::interface)})),
      established_connections(r.gauge(str(names::established_connections),
                                      "Established TCP connections this server holds to the "
                                      "service's VIPs.",
                                      {str(labels::service)})),
      interface_mtu_bytes(r.gauge(str(names::interface_mtu_bytes),
                                  "MTU of an interface the XDP program is attached to.",
                                  {str(labels::interface)})),
      max_inner_packet_bytes(r.gauge(str(names::max_inner_packet_bytes),
                                     "Largest packet this server can forward to another server: the "
                                     "smallest attached interface's MTU less GUE's outer headers.")),
      fabric_mtu_ok(r.gauge(str(names::fabric_mtu_ok),
                            "1 when every attached interface's MTU is at least the edge MTU plus "
                            "GUE's overhead; 0 when full-size packets to other servers get ICMP "
                            "too big (IPv4 without DF: dropped).")),
      table_published_generation(r.gauge(str(names::table_published_generation),
                                         "Table generation the conductor last published.")),
      server_health(r.gauge(str(names::server_health),
                            "Health check verdict: 1 up, 0 down, -1 unknown (no verdict yet).",
                            {str(labels::service), str(labels::server)})),
      server_weight(r.gauge(str(names::server_weight),
                            "Weight the table builder uses for the server (0 when drained).",
                            {str(labels::service), str(labels::server)})),
      server_buckets(r.gauge(str(names::server_buckets),
                             "Buckets of the service's table whose first hop is the server.",
                             {str(labels::service), str(labels::server)})),
      server_load(r.gauge(str(names::server_load),
                          "Load of the server as a ratio of its capacity (0..1).",
                          {str(labels::service), str(labels::server)})),
      health_check_duration(r.histogram(str(names::health_check_duration_seconds),
                                        "Duration of one health check probe, by result.",
                                        {str(labels::service), str(labels::result)},
                                        kHealthCheckSecondsBuckets)),
      server_target_share(r.gauge(str(names::server_target_share),
                                  "Share of the service's buckets the server's weight asks for "
                                  "(0..1), as the load controller last computed it.",
                                  {str(labels::service), str(labels::server)})),
      server_weight_source(r.gauge(str(names::server_weight_source),
                                   "1 for where the server's weight comes from: config, computed "
                                   "(load controller) or manual (operator); 0 for the others.",
                                   {str(labels::service), str(labels::server), str(labels::source)})),
      server_load_held(r.gauge(str(names::server_load_held),
                               "1 when the load controller holds the server's weight, by reason "
                               "(missing, stale, source_failed, nonsensical); 0 otherwise.",
                               {str(labels::service), str(labels::server), str(labels::reason)})),
      load_moved_buckets(r.gauge(str(names::load_moved_buckets),
                                 "Buckets the load controller's last round moved in the service.",
                                 {str(labels::service)})),
      load_mean_utilisation(r.gauge(str(names::load_mean_utilisation),
                                    "Mean utilisation (0..1) of the service's active servers with a "
                                    "usable load report, at the last controller round.",
                                    {str(labels::service)})),
      conductor_leader(r.gauge(str(names::conductor_leader),
                               "1 while this conductor publishes tables (it leads, or runs alone "
                               "with the file store), 0 while it follows another.")),
      store_reachable(r.gauge(str(names::store_reachable),
                              "1 while the store answers (always with the file store), 0 while no "
                              "etcd member does.")) {}

void ShoalMetrics::set_service_counters(std::string_view service,
                                        std::span<const shoal_counter, SHOAL_STAT_MAX> row) {
    const std::string service_label(service);
    for (int index = 0; index < SHOAL_STAT_MAX; ++index) {
        const auto stat = static_cast<shoal_stat>(index);
        const shoal_counter& counter = row[index];
        if (stat == SHOAL_STAT_DECAP) {
            decapsulated_packets.set_total({service_label}, static_cast<double>(counter.packets));
            continue;
        }
        if (stat == SHOAL_STAT_GUE_AUTH_MISSING || stat == SHOAL_STAT_GUE_AUTH_BAD) {
            gue_auth_failures.set_total(
                {service_label, stat == SHOAL_STAT_GUE_AUTH_MISSING ? "missing" : "bad"},
                static_cast<double>(counter.packets));
            continue;
        }
        const std::string action(*stat_action(stat));
        packets.set_total({service_label, action}, static_cast<double>(counter.packets));
        bytes.set_total({service_label, action}, static_cast<double>(counter.bytes));
        if (const auto reason = stat_drop_reason(stat))
            drops.set_total({service_label, std::string(*reason)},
                            static_cast<double>(counter.packets));
    }
}

void ShoalMetrics::set_xdp_mode(std::string_view interface, std::string_view mode) {
    if (std::find(kXdpModes.begin(), kXdpModes.end(), mode) == kXdpModes.end())
        throw MetricsError(
            fmt::format("metric \"{}\": unknown XDP mode \"{}\" for interface {} "
                        "(expected native, skb or hw)",
                        names::xdp_mode, mode, interface));
    for (std::string_view known : kXdpModes)
        xdp_mode.set({std::string(interface), std::string(known)}, known == mode ? 1 : 0);
}

void ShoalMetrics::forget_server(std::string_view service, std::string_view server) {
    const LabelValues labels{std::string(service), std::string(server)};
    for (GaugeFamily* family : {&server_health, &server_weight, &server_buckets, &server_load, &server_target_share})
        family->remove(labels);
}

}  // namespace shoal::metrics
