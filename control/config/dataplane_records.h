// SPDX-License-Identifier: MIT
// A validated fleet turned into the data plane's map entries (bpf/shoal_abi.h), so the agent
// and the tests share one conversion.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "config/fleet_config.h"
#include "shoal_abi.h"

namespace shoal::config {

struct ServiceRecord {  // shoal_services
    shoal_service_key key;
    shoal_service value;
};

struct ServerRecord {  // shoal_servers
    std::uint32_t index;
    shoal_server value;
};

struct MemberRecord {  // shoal_members
    shoal_member_key key;
    shoal_member value;
};

struct DataplaneRecords {
    shoal_config self;  // shoal_config[0]
    std::vector<ServiceRecord> services;
    std::vector<ServiceRecord> fragments;  // shoal_services' fragment entries
    std::vector<ServerRecord> servers;
    std::vector<MemberRecord> members;
};

// The slot a service's first table goes in; the loader repoints it to the live slot.
constexpr std::uint32_t first_table_slot(std::uint32_t service_id) noexcept {
    return 2 * service_id;
}

// One entry per {VIP, protocol, port} of every service, in config order.
std::vector<ServiceRecord> service_records(const FleetConfig& fleet);
// One fragment entry (family | SHOAL_FAMILY_FRAGMENTS, port 0) per {VIP, protocol} of the
// services, in config order: the src_addr service there (the validator makes it the only one),
// else the 4tuple service of the lowest id with the fragments policy they share.
std::vector<ServiceRecord> fragment_records(const FleetConfig& fleet);
std::vector<ServerRecord> server_records(const FleetConfig& fleet);
// Every DIP of every server, so GUE from any fleet member is accepted.
std::vector<MemberRecord> member_records(const FleetConfig& fleet);
// This server's identity; throws std::invalid_argument when it is not in the fleet.
shoal_config self_record(const FleetConfig& fleet, std::string_view self_server);
DataplaneRecords dataplane_records(const FleetConfig& fleet, std::string_view self_server);

}  // namespace shoal::config
