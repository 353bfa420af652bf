// SPDX-License-Identifier: MIT
#include "model/bucket.h"

#include "model/byte_order.h"

namespace shoal::model {
namespace {

// The raw network-order bytes of a host-order port, read as little-endian.
std::uint16_t raw_port(std::uint16_t host) {
    const std::uint8_t bytes[2] = {static_cast<std::uint8_t>(host >> 8),
                                   static_cast<std::uint8_t>(host)};
    return raw_le16(bytes);
}

void push_address(shoal_flow_words& m, const Flow& flow, const Address& addr) {
    const std::uint8_t* a = addr.data();
    if (flow.family == SHOAL_FAMILY_IPV4) {
        m.w[m.count++] = raw_le32(a);
        return;
    }
    m.w[m.count++] = shoal_addr_pair(raw_le32(a), raw_le32(a + 4));
    m.w[m.count++] = shoal_addr_pair(raw_le32(a + 8), raw_le32(a + 12));
}

}  // namespace

shoal_flow_words flow_words(const Flow& flow, std::uint8_t hash_mode) {
    shoal_flow_words m{};
    if (hash_mode == SHOAL_HASH_SRC_ADDR) {
        push_address(m, flow, flow.src);
        m.w[m.count++] = shoal_flow_tail(0, 0, 0, flow.family, SHOAL_HASH_SRC_ADDR);
        return m;
    }
    if (flow.family == SHOAL_FAMILY_IPV4) {
        m.w[m.count++] = shoal_addr_pair(raw_le32(flow.src.data()), raw_le32(flow.dst.data()));
    } else {
        push_address(m, flow, flow.src);
        push_address(m, flow, flow.dst);
    }
    m.w[m.count++] = shoal_flow_tail(raw_port(flow.sport), raw_port(flow.dport), flow.proto,
                                     flow.family, SHOAL_HASH_4TUPLE);
    return m;
}

std::uint64_t flow_hash(const shoal_config& config, const Flow& flow, std::uint8_t hash_mode) {
    const shoal_flow_words m = flow_words(flow, hash_mode);
    return shoal_siphash13(config.hash_key, &m);
}

std::optional<shoal_bucket> lookup_bucket(const DataplaneState& state, const shoal_service& service,
                                          std::uint64_t hash) {
    if (service.table_slot >= SHOAL_TABLE_SLOTS) return std::nullopt;  // past the outer map
    const auto table = state.tables.find(service.table_slot);
    if (table == state.tables.end()) return std::nullopt;
    const std::uint64_t index = hash & service.bucket_mask;
    if (index >= table->second.size()) return std::nullopt;
    const shoal_bucket bucket = table->second[index];
    if (bucket.first_hop == SHOAL_NO_SERVER) return std::nullopt;
    return bucket;
}

}  // namespace shoal::model
