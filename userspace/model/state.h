// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <optional>
#include <vector>

#include "model/flow.h"
#include "shoal_abi.h"

namespace shoal::model {

// Orders ABI structs by their bytes, as the kernel's hash maps compare keys.
struct AbiBytesLess {
    template <typename T>
    bool operator()(const T& a, const T& b) const noexcept {
        return std::memcmp(&a, &b, sizeof(T)) < 0;
    }
};

// The contents of the maps the XDP program reads (bpf/lib/maps.h), one field per map.
// A key missing from servers reads as a zeroed shoal_server (an array map); a slot missing
// from tables is a slot without an inner map; a table's size is its inner map's max_entries.
// services holds the fragment entries too (family | SHOAL_FAMILY_FRAGMENTS).
struct DataplaneState {
    shoal_config config{};
    std::map<shoal_service_key, shoal_service, AbiBytesLess> services;
    std::map<std::uint32_t, std::vector<shoal_bucket>> tables;
    std::map<std::uint32_t, shoal_server> servers;
    std::map<shoal_member_key, shoal_member, AbiBytesLess> members;
    std::set<std::uint32_t> tx_ports;  // shoal_tx_ports: ifindexes XDP_REDIRECT may use
    std::optional<shoal_gue_auth> gue_auth;  // shoal_gue_auth[0]; nullopt: no entry (mode off)
};

// Keys built with every reserved byte zero, as the BPF program builds them.
shoal_service_key make_service_key(std::uint8_t family, const Address& addr, std::uint8_t proto,
                                   std::uint16_t port_host);
shoal_member_key make_member_key(std::uint8_t family, const Address& addr);

}  // namespace shoal::model
