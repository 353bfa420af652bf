// SPDX-License-Identifier: MIT
// What operators decided: drained servers and manual weights. The conductor persists it
// (state_file.h) and publishes it with every table generation.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/fleet_config.h"

namespace shoal::state {

inline constexpr std::string_view kStateFormat = "shoal-operator-state/1";

// A state file or value that cannot be used; the message names the file and the field.
class StateError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class OperatorState {
  public:
    // Each returns whether anything changed, so the caller can say "already drained".
    // Names must be valid server names (config::is_valid_name); weights 0..config::kMaxWeight.
    // Both throw StateError otherwise.
    bool drain(std::string_view server);
    bool undrain(std::string_view server);
    bool set_weight(std::string_view server, std::uint32_t weight);
    bool clear_weight(std::string_view server);

    bool is_drained(std::string_view server) const;
    std::optional<std::uint32_t> manual_weight(std::string_view server) const;
    const std::set<std::string, std::less<>>& drained() const noexcept { return drained_; }
    const std::map<std::string, std::uint32_t, std::less<>>& weights() const noexcept {
        return weights_;
    }
    bool empty() const noexcept { return drained_.empty() && weights_.empty(); }

    // Names the state mentions that the fleet does not have (kept, so a server removed
    // from the config by mistake comes back still drained).
    std::vector<std::string> unknown_servers(const config::FleetConfig& fleet) const;

    // {"format": "shoal-operator-state/1", "drained": [...], "weights": {"name": w}}
    nlohmann::json to_json() const;
    // Throws StateError naming `source` and the JSON path of each problem.
    static OperatorState from_json(const nlohmann::json& value, std::string_view source);

    bool operator==(const OperatorState&) const = default;

  private:
    std::set<std::string, std::less<>> drained_;
    std::map<std::string, std::uint32_t, std::less<>> weights_;
};

}  // namespace shoal::state
