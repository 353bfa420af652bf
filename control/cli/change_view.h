// SPDX-License-Identifier: MIT
// One-line answers to the operator verbs: drain, undrain, weight, reload, detach.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace shoal::cli {

enum class ServerChange { drain, undrain, set_weight, clear_weight };

// {"server", "changed", "generation"} → "srv2 is draining (generation 43)"; weight is the
// value asked for (set_weight only).
std::string format_server_change(ServerChange change, const nlohmann::json& answer,
                                 std::optional<std::uint64_t> weight = std::nullopt);

// {"reloaded", "config"} → "config reloaded from /etc/shoal/shoal.json".
std::string format_reload(const nlohmann::json& answer);

// {"detached": ["eth0"]} → "detached the XDP program from eth0; the data plane is stopped".
std::string format_detach(const nlohmann::json& answer);

}  // namespace shoal::cli
