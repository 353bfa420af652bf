// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <string_view>

#include "dataplane/bpf_map.h"
#include "dataplane/pin_paths.h"
#include "shoal_abi.h"

struct bpf_object;

namespace shoal {

// Every pinned map of the program, by its shoal_abi.h name (also its pin file name).
inline constexpr std::array<std::string_view, 9> kDataplaneMapNames = {
    SHOAL_MAP_CONFIG,  SHOAL_MAP_SERVICES, SHOAL_MAP_TABLES,       SHOAL_MAP_SERVERS,
    SHOAL_MAP_MEMBERS, SHOAL_MAP_STATS,    SHOAL_MAP_SERVER_STATS, SHOAL_MAP_TX_PORTS,
    SHOAL_MAP_GUE_AUTH,
};

// Open handles on the maps of one data plane, checked against the layouts this build expects.
struct DataplaneMaps {
    BpfMap config;
    BpfMap services;
    BpfMap tables;
    BpfMap servers;
    BpfMap members;
    BpfMap stats;
    BpfMap server_stats;
    BpfMap tx_ports;
    BpfMap gue_auth;

    // From a loaded libbpf object (fds duplicated; the object may be closed afterwards).
    static DataplaneMaps from_object(const bpf_object* object);
    // From the pins of a running data plane.
    static DataplaneMaps from_pins(const PinPaths& pins);

    // Throws unless every map has the type and sizes the (opened) object defines: a pin
    // left by a build with another map layout is refused, naming the map.
    void check_against(const bpf_object* object) const;
};

// Before a load: throws, naming the first map pinned under pins with another layout than the
// (opened) object defines, where libbpf would only say that the load failed.
void check_pinned_layouts(const PinPaths& pins, const bpf_object* object);

} // namespace shoal
