// SPDX-License-Identifier: MIT
// What an agent tells the conductor about itself, through the store.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/snapshot.h"

namespace shoal::store {

// The fabric MTU as an agent sees it (issue 13; docs/dataplane.md, "Fabric MTU"): each attached
// interface's MTU and the largest inner packet it can forward once GUE's outer headers are on.
struct InterfaceMtu {
    std::string name;
    std::uint32_t mtu = 0;               // 0: unknown (the interface is gone)
    std::uint32_t max_inner_packet = 0;  // mtu - overhead; 0 when nothing fits
    bool operator==(const InterfaceMtu&) const = default;
};

struct FabricMtu {
    std::uint32_t edge_mtu = 0;          // the largest packet clients send (agent.edge_mtu)
    std::uint32_t overhead = 0;          // bytes GUE adds with the outer family in use (the larger)
    bool gue_auth = false;               // the overhead includes the GUE authentication tag
    std::uint32_t max_inner_packet = 0;  // the smallest of the interfaces'
    std::vector<InterfaceMtu> interfaces;

    // The fabric carries a full-size edge packet: every interface's MTU >= edge MTU + overhead.
    bool ok() const noexcept { return !interfaces.empty() && max_inner_packet >= edge_mtu; }
    // What an operator reads when !ok(): which interface, what is missing, what happens.
    std::string warning() const;
    // Also carries the derived "fabric_mtu_ok" and "warning" (absent when ok), which
    // from_json does not read back.
    nlohmann::json to_json() const;
    bool operator==(const FabricMtu&) const = default;
};

struct AgentReport {
    std::string server;  // its name in the fleet config
    TimePoint reported_at{};
    std::uint64_t applied_generation = 0;  // 0: no table applied yet
    double load = 0;                       // CPU busy fraction over the last interval, 0..1
    std::string load_error;                // why the load source gave no reading (load is then 0
                                           // and meaningless); empty when it did
    std::uint64_t established = 0;         // established connections to its VIPs
    std::uint64_t packets = 0;             // packets its XDP program saw (counter)
    std::uint64_t bytes = 0;               // bytes its XDP program saw (counter)
    nlohmann::json details = nlohmann::json::object();  // free-form extras (XDP mode, ...)
    // Service → buckets (sorted) where the table names this server the second hop and it still
    // holds connections: the conductor's churn guard keeps them from moving again.
    std::map<std::string, std::vector<std::uint32_t>> second_hop_busy;
    // Absent in reports of agents older than the field (shown as unknown); an older conductor
    // leaves it out of a newer agent's report like any field it does not know.
    std::optional<FabricMtu> mtu;

    nlohmann::json to_json() const;
    // Throws StoreError naming `source` and the field.
    static AgentReport from_json(const nlohmann::json& value, std::string_view source);
    bool operator==(const AgentReport&) const = default;
};

}  // namespace shoal::store
