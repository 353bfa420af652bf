// SPDX-License-Identifier: MIT
#pragma once
// Which buckets still carry this server's connections while the table names it their second
// hop. The agent reports them; the conductor's churn guard then keeps those buckets from
// moving again (which would drop this server from their chain and break the connections)
// until they end, or until fleet.chain_hold_max.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agent/local_flows.h"
#include "config/fleet_config.h"
#include "model/flow.h"
#include "store/snapshot.h"

namespace shoal::agent {

// Service name → sorted bucket indexes. The bucket of each local flow is computed exactly as
// the XDP program computes it (the shared SipHash and hash modes of bpf/shoal_hash.h).
using BusyBuckets = std::map<std::string, std::vector<std::uint32_t>>;

// The flow of a local socket as the client's packets carry it (src = the remote end, dst = the
// local VIP end, ports in host order): what the data plane hashes.
model::Flow client_flow(const LocalFlow& local);

// Whether any table names `self` a second hop: without one there is nothing to report, and
// the socket dump (costly with many connections) can be skipped.
bool second_hop_anywhere(const config::FleetConfig& fleet, std::string_view self,
                         const store::Snapshot& applied);

BusyBuckets busy_second_hop_buckets(const std::vector<LocalFlow>& flows,
                                    const config::FleetConfig& fleet, std::string_view self,
                                    const store::Snapshot& applied);

}  // namespace shoal::agent
