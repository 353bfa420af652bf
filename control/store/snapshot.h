// SPDX-License-Identifier: MIT
// What the conductor publishes and every agent applies: one generation of every service's
// table plus the operator state it was built with.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shoal_abi.h"
#include "state/operator_state.h"

namespace shoal::store {

// Same clock and resolution as the table builder's TimePoint.
using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

TimePoint now_ms();

struct StoredBucket {
    std::uint16_t first_hop = SHOAL_NO_SERVER;
    std::uint16_t second_hop = SHOAL_NO_SERVER;
    TimePoint changed{};  // when first_hop last changed: the conductor's churn guard needs it

    bool operator==(const StoredBucket&) const = default;
};

struct ServiceTable {
    std::string service;                // the service's name in the fleet config
    std::uint16_t service_id = 0;       // < SHOAL_MAX_SERVICES
    std::vector<StoredBucket> buckets;  // a power of two, 2^8..2^22

    std::vector<shoal_bucket> abi_buckets() const;  // what the data plane's inner map holds
    bool operator==(const ServiceTable&) const = default;
};

struct Snapshot {
    std::uint64_t generation = 0;  // > 0; each publish must exceed the store's current one
    TimePoint created_at{};
    std::string publisher;  // who published it, e.g. "conductor@host-1"
    std::vector<ServiceTable> tables;
    state::OperatorState operator_state;

    const ServiceTable* find_table(std::string_view service) const noexcept;
    bool operator==(const Snapshot&) const = default;
};

// Why a snapshot may not be published or applied; empty when it is fine. Checks the
// generation, table sizes, unique service names and ids, and hops (< SHOAL_MAX_SERVERS or
// SHOAL_NO_SERVER).
std::vector<std::string> snapshot_problems(const Snapshot& snapshot);

}  // namespace shoal::store
