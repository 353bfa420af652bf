// SPDX-License-Identifier: MIT
// The etcd store's settings (store.type "etcd"): which members to talk to, under which key
// prefix, with which TLS files, and the timings of requests, leases and retention.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shoal::config {

// One etcd member's client URL: "http://198.18.0.1:2379" or "https://etcd-1:2379".
struct EtcdEndpoint {
    bool tls = false;
    std::string host;  // a name, an IPv4 address or an IPv6 address without brackets
    std::uint16_t port = 2379;

    std::string url() const;
    bool operator==(const EtcdEndpoint&) const = default;
};

// nullopt when `url` is not scheme://host:port with scheme http or https and nothing after.
std::optional<EtcdEndpoint> parse_etcd_endpoint(std::string_view url);

struct EtcdConfig {
    std::vector<EtcdEndpoint> endpoints;             // tried in order; the next one when one fails
    std::string prefix = "/shoal";                   // every key Shoal writes starts with it
    std::optional<std::filesystem::path> ca_file;    // https: the CA that signed the members
    std::optional<std::filesystem::path> cert_file;  // client certificate, with key_file
    std::optional<std::filesystem::path> key_file;
    std::chrono::milliseconds request_timeout{2000};  // one HTTP request to one member
    std::chrono::milliseconds lease_ttl{10000};       // agent reports and the leader key
    std::chrono::milliseconds grace{60000};  // an old generation lives this long after replaced
    std::uint32_t chunk_bytes = 512 * 1024;  // a generation is written in pieces of this size

    bool operator==(const EtcdConfig&) const = default;
};

}  // namespace shoal::config
