// SPDX-License-Identifier: MIT
// What an agent tells the conductor about itself, through the store.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "store/snapshot.h"

namespace shoal::store {

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

    nlohmann::json to_json() const;
    // Throws StoreError naming `source` and the field.
    static AgentReport from_json(const nlohmann::json& value, std::string_view source);
    bool operator==(const AgentReport&) const = default;
};

}  // namespace shoal::store
