// SPDX-License-Identifier: MIT
#include "config/dataplane_records.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstring>
#include <map>
#include <stdexcept>

namespace shoal::config {

namespace {
void copy_address(const Address& address, __u8 (&out)[16]) {
    std::memset(out, 0, sizeof out);
    std::memcpy(out, address.bytes.data(), address.is_v4() ? 4 : 16);
}

__be32 to_be32(const Address& address) {
    __be32 value;
    std::memcpy(&value, address.bytes.data(), 4);
    return value;
}

std::uint8_t dip_flags(const ServerConfig& server) {
    return static_cast<std::uint8_t>((server.dip4 ? SHOAL_SERVER_HAS_V4 : 0) |
                                     (server.dip6 ? SHOAL_SERVER_HAS_V6 : 0));
}

MemberRecord member(const Address& dip, std::uint16_t index) {
    MemberRecord record{};
    copy_address(dip, record.key.addr);
    record.key.family = dip.family;
    record.value.server_index = index;
    return record;
}
}  // namespace

std::vector<ServiceRecord> service_records(const FleetConfig& fleet) {
    std::vector<ServiceRecord> records;
    for (const auto& service : fleet.services) {
        for (const auto& vip : service.vips) {
            for (auto port : service.ports) {
                ServiceRecord record{};
                copy_address(vip, record.key.addr);
                record.key.family = vip.family;
                record.key.proto = static_cast<__u8>(service.protocol);
                record.key.port = htons(port);
                record.value.service_id = service.id;
                record.value.table_slot = first_table_slot(service.id);
                record.value.bucket_mask = fleet.table_size() - 1;
                record.value.hash_mode = static_cast<__u8>(service.hash);
                records.push_back(record);
            }
        }
    }
    return records;
}

std::vector<ServiceRecord> fragment_records(const FleetConfig& fleet) {
    std::vector<ServiceRecord> records;
    std::map<std::pair<Address, Protocol>, std::size_t> at;  // -> index in records
    for (const auto& service : fleet.services) {
        for (const auto& vip : service.vips) {
            ServiceRecord record{};
            copy_address(vip, record.key.addr);
            record.key.family = vip.family | SHOAL_FAMILY_FRAGMENTS;
            record.key.proto = static_cast<__u8>(service.protocol);
            record.value.service_id = service.id;
            record.value.table_slot = first_table_slot(service.id);
            record.value.bucket_mask = fleet.table_size() - 1;
            record.value.hash_mode = static_cast<__u8>(service.hash);
            record.value.fragments = static_cast<__u8>(service.fragments.value_or(Fragments::pass));
            const auto [it, inserted] =
                at.emplace(std::pair(vip, service.protocol), records.size());
            if (inserted)
                records.push_back(record);
            else if (service.id < records[it->second].value.service_id)
                records[it->second] = record;
        }
    }
    return records;
}

std::vector<ServerRecord> server_records(const FleetConfig& fleet) {
    std::vector<ServerRecord> records;
    for (const auto& server : fleet.servers) {
        ServerRecord record{};
        record.index = server.index;
        if (server.dip6) copy_address(*server.dip6, record.value.dip6);
        if (server.dip4) record.value.dip4 = to_be32(*server.dip4);
        record.value.flags = dip_flags(server);
        records.push_back(record);
    }
    return records;
}

std::vector<MemberRecord> member_records(const FleetConfig& fleet) {
    std::vector<MemberRecord> records;
    for (const auto& server : fleet.servers) {
        if (server.dip4) records.push_back(member(*server.dip4, server.index));
        if (server.dip6) records.push_back(member(*server.dip6, server.index));
    }
    return records;
}

shoal_config self_record(const FleetConfig& fleet, std::string_view self_server) {
    const auto* server = fleet.find_server(self_server);
    if (server == nullptr)
        throw std::invalid_argument(
            fmt::format("server \"{}\" is not in the fleet config", self_server));
    shoal_config config{};
    const auto key = fleet.hash_key_words();
    config.hash_key[0] = key[0];
    config.hash_key[1] = key[1];
    if (server->dip6) copy_address(*server->dip6, config.self_dip6);
    if (server->dip4) config.self_dip4 = to_be32(*server->dip4);
    config.self_index = server->index;
    config.gue_port = htons(fleet.gue_port);
    config.flags = dip_flags(*server);
    return config;
}

DataplaneRecords dataplane_records(const FleetConfig& fleet, std::string_view self_server) {
    return DataplaneRecords{self_record(fleet, self_server), service_records(fleet),
                            fragment_records(fleet), server_records(fleet), member_records(fleet)};
}

}  // namespace shoal::config
