// SPDX-License-Identifier: MIT
// The fleet: the servers, the services they serve and how the tables are built. Every
// agent and the conductor read the same fleet section. Field meanings: docs/config.md.
#pragma once

#include <netinet/in.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/address.h"
#include "config/limits.h"
#include "shoal_abi.h"

namespace shoal::config {

enum class Protocol : std::uint8_t { tcp = IPPROTO_TCP, udp = IPPROTO_UDP };
enum class HashMode : std::uint8_t {
    four_tuple = SHOAL_HASH_4TUPLE,
    src_addr = SHOAL_HASH_SRC_ADDR
};
enum class Fragments : std::uint8_t { pass = SHOAL_FRAGMENTS_PASS, drop = SHOAL_FRAGMENTS_DROP };
enum class HealthCheckType : std::uint8_t { tcp, http };

std::string_view to_string(Protocol protocol);     // "tcp", "udp"
std::string_view to_string(HashMode mode);         // "4tuple", "src_addr"
std::string_view to_string(Fragments fragments);   // "pass", "drop"
std::string_view to_string(HealthCheckType type);  // "tcp", "http"

struct HealthCheckConfig {
    HealthCheckType type = HealthCheckType::tcp;
    std::uint16_t port = 0;  // on each pool member's DIP
    std::string path = "/";  // http only
    std::chrono::milliseconds interval{1000};
    std::chrono::milliseconds timeout{500};  // < interval
    std::uint32_t rise = 2;                  // consecutive successes to mark a server up
    std::uint32_t fall = 3;                  // consecutive failures to mark it down
    std::chrono::milliseconds jitter{0};     // random extra delay per check, < interval

    bool operator==(const HealthCheckConfig&) const = default;
};

struct ServerConfig {
    std::string name;
    std::uint16_t index = 0;  // the data plane's server index, < SHOAL_MAX_SERVERS
    std::optional<Address> dip4;
    std::optional<Address> dip6;
    std::uint32_t weight = kDefaultWeight;

    bool operator==(const ServerConfig&) const = default;
};

struct ServiceConfig {
    std::string name;
    std::uint16_t id = 0;  // < SHOAL_MAX_SERVICES
    std::vector<Address> vips;
    Protocol protocol = Protocol::tcp;
    std::vector<std::uint16_t> ports;  // 0 = any port
    HashMode hash = HashMode::four_tuple;
    // What becomes of IP fragments (they carry no ports) of a 4tuple service; absent: pass.
    // A src_addr service always steers its fragments and must not set it.
    std::optional<Fragments> fragments;
    std::vector<std::string> pool;                  // server names
    std::optional<HealthCheckConfig> health_check;  // absent: members are never marked down

    bool operator==(const ServiceConfig&) const = default;
};

struct FleetConfig {
    std::array<std::uint8_t, 16> hash_key{};  // the 128-bit SipHash key, bytes as written
    std::uint16_t gue_port = SHOAL_DEFAULT_GUE_PORT;
    std::uint32_t table_bits = SHOAL_DEFAULT_TABLE_BITS;
    std::chrono::milliseconds chain_window = std::chrono::minutes(10);
    std::chrono::milliseconds chain_hold_max = std::chrono::hours(1);  // see table::BuildOptions
    std::uint64_t max_moves_per_build = 0;  // 0 = no limit
    std::vector<ServerConfig> servers;
    std::vector<ServiceConfig> services;

    std::uint32_t table_size() const noexcept { return 1u << table_bits; }
    // The key as shoal_config.hash_key holds it: bytes 0-7 and 8-15, each little-endian
    // (SipHash's k0 and k1), so "000102...0f" is the reference test-vector key.
    std::array<std::uint64_t, 2> hash_key_words() const noexcept;
    std::optional<std::uint64_t> max_moves() const noexcept;  // nullopt = no limit
    const ServerConfig* find_server(std::string_view name) const noexcept;
    const ServiceConfig* find_service(std::string_view name) const noexcept;

    bool operator==(const FleetConfig&) const = default;
};

}  // namespace shoal::config
