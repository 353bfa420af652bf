// SPDX-License-Identifier: MIT
#include "config/fleet_config.h"

#include "config/secret_key.h"

namespace shoal::config {

std::string_view to_string(Protocol protocol) { return protocol == Protocol::udp ? "udp" : "tcp"; }

std::string_view to_string(HashMode mode) {
    return mode == HashMode::src_addr ? "src_addr" : "4tuple";
}

std::string_view to_string(Fragments fragments) {
    return fragments == Fragments::drop ? "drop" : "pass";
}

std::string_view to_string(HealthCheckType type) {
    return type == HealthCheckType::http ? "http" : "tcp";
}

std::array<std::uint64_t, 2> FleetConfig::hash_key_words() const noexcept {
    return key_words(hash_key);
}

std::optional<std::uint64_t> FleetConfig::max_moves() const noexcept {
    if (max_moves_per_build == 0) return std::nullopt;
    return max_moves_per_build;
}

const ServerConfig* FleetConfig::find_server(std::string_view name) const noexcept {
    for (const auto& server : servers)
        if (server.name == name) return &server;
    return nullptr;
}

const ServiceConfig* FleetConfig::find_service(std::string_view name) const noexcept {
    for (const auto& service : services)
        if (service.name == name) return &service;
    return nullptr;
}

}  // namespace shoal::config
