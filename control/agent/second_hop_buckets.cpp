// SPDX-License-Identifier: MIT
#include "agent/second_hop_buckets.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>

#include "agent/established_counter.h"
#include "config/dataplane_records.h"
#include "model/bucket.h"

namespace shoal::agent {

model::Flow client_flow(const LocalFlow& local) {
    model::Flow flow;
    flow.family = local.family == AF_INET ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
    flow.proto = local.proto;
    flow.src = local.remote;
    flow.dst = local.local;
    flow.sport = ntohs(local.remote_port);
    flow.dport = ntohs(local.local_port);
    return flow;
}

namespace {

bool second_hop_in(const store::ServiceTable& table, std::uint16_t self) {
    return std::any_of(table.buckets.begin(), table.buckets.end(),
                       [&](const store::StoredBucket& b) { return b.second_hop == self; });
}

}  // namespace

bool second_hop_anywhere(const config::FleetConfig& fleet, std::string_view self,
                         const store::Snapshot& applied) {
    const auto index = std::uint16_t(config::self_record(fleet, self).self_index);
    return std::any_of(applied.tables.begin(), applied.tables.end(),
                       [&](const store::ServiceTable& t) { return second_hop_in(t, index); });
}

BusyBuckets busy_second_hop_buckets(const std::vector<LocalFlow>& flows,
                                    const config::FleetConfig& fleet, std::string_view self,
                                    const store::Snapshot& applied) {
    const auto records = config::dataplane_records(fleet, self);
    const auto self_index = std::uint16_t(records.self.self_index);
    BusyBuckets busy;
    for (const auto& service : fleet.services) {
        const auto* table = applied.find_table(service.name);
        if (!table || table->buckets.empty()) continue;
        if (!second_hop_in(*table, self_index)) continue;  // the common case: nothing to look at
        std::vector<std::uint32_t> buckets;
        for (const auto& record : records.services) {
            if (record.value.service_id != service.id) continue;
            for (const auto& flow : flows) {
                if (!local_end_matches(flow, record.key)) continue;
                const auto hash =
                    model::flow_hash(records.self, client_flow(flow), record.value.hash_mode);
                const auto index = std::uint32_t(hash & (table->buckets.size() - 1));
                if (table->buckets[index].second_hop == self_index) buckets.push_back(index);
            }
        }
        std::sort(buckets.begin(), buckets.end());
        buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
        if (!buckets.empty()) busy.emplace(service.name, std::move(buckets));
    }
    return busy;
}

}  // namespace shoal::agent
