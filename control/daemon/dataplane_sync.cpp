// SPDX-License-Identifier: MIT
#include "daemon/dataplane_sync.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "config/dataplane_records.h"

namespace shoal::daemon {
namespace {

void write_services(const Dataplane& dp, const std::vector<config::ServiceRecord>& records) {
    auto services = dp.services();
    std::set<ServiceKey> wanted;
    std::set<std::uint32_t> wanted_ids;
    for (const auto& record : records) {
        ServiceSpec spec{ServiceKey::from_abi(record.key), record.value.service_id,
                         static_cast<shoal_hash_mode>(record.value.hash_mode),
                         static_cast<shoal_fragments>(record.value.fragments)};
        auto live = services.get(spec.key);
        // Rewriting an identical entry would be harmless, but skipping it keeps a restart
        // from touching the map at all.
        if (!live || live->service_id != spec.service_id || live->hash_mode != spec.hash_mode ||
            live->fragments != spec.fragments)
            services.set(spec);
        wanted.insert(spec.key);
        wanted_ids.insert(spec.service_id);
    }
    std::set<std::uint32_t> removed_ids;
    for (const auto& [key, value] : services.entries()) {
        auto typed = ServiceKey::from_abi(key);
        if (wanted.count(typed)) continue;
        services.remove(typed);
        if (!wanted_ids.count(value.service_id)) removed_ids.insert(value.service_id);
    }
    for (auto id : removed_ids) dp.tables().remove(id);
}

}  // namespace

std::optional<GueAuthSettings> gue_auth_settings(const config::GueAuthConfig& auth) {
    if (auth.mode == config::GueAuthMode::off || !auth.key) return std::nullopt;
    GueAuthSettings settings;
    settings.mode = auth.mode == config::GueAuthMode::enforce ? GueAuthMode::enforce
                                                              : GueAuthMode::permissive;
    settings.key = *auth.key;
    settings.next_key = auth.next_key;
    return settings;
}

void write_fleet_records(const Dataplane& dp, const config::FleetConfig& fleet,
                         const config::AgentConfig& agent) {
    auto records = config::dataplane_records(fleet, agent.server);

    auto self = DataplaneConfig::from_abi(records.self);
    self.icmp_too_big_rate = agent.icmp_too_big.rate;
    self.icmp_too_big_burst = agent.icmp_too_big.burst;
    if (dp.config().read() != self) dp.config().write(self);

    // Rewritten only when it changes, so an adopting restart touches nothing.
    const auto auth = gue_auth_settings(agent.gue_auth);
    if (dp.gue_auth().read() != auth) {
        if (auth)
            dp.gue_auth().write(*auth);
        else
            dp.gue_auth().clear();
    }

    std::map<std::uint32_t, ServerDips> servers;
    for (const auto& record : records.servers)
        if (auto dips = ServerDips::from_abi(record.value)) servers.emplace(record.index, *dips);
    dp.servers().replace_all(servers);

    std::map<IpAddress, std::uint32_t> members;
    for (const auto& record : records.members)
        members.emplace(IpAddress::from_abi(record.key.addr, record.key.family),
                        record.value.server_index);
    dp.members().replace_all(members);

    auto services = records.services;
    services.insert(services.end(), records.fragments.begin(), records.fragments.end());
    write_services(dp, services);
}

namespace {

bool same_buckets(const std::vector<shoal_bucket>& a, const std::vector<shoal_bucket>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].first_hop != b[i].first_hop || a[i].second_hop != b[i].second_hop) return false;
    return true;
}

}  // namespace

TablesApplied apply_tables(const Dataplane& dp, const config::FleetConfig& fleet,
                           const store::Snapshot& snapshot, AppliedTables& applied_tables) {
    TablesApplied applied;
    auto slots = dp.table_slots();
    for (const auto& table : snapshot.tables) {
        const auto* service = fleet.find_service(table.service);
        if (!service) {
            applied.skipped.push_back(fmt::format("{}: not in this agent's config", table.service));
            continue;
        }
        if (service->id != table.service_id) {
            applied.skipped.push_back(fmt::format("{}: id {} in the store, {} in the config",
                                                  table.service, table.service_id, service->id));
            continue;
        }
        auto buckets = table.abi_buckets();
        auto known = applied_tables.find(table.service_id);
        if (known == applied_tables.end()) {
            // First sight since start: the live map is the truth (a restart must not republish).
            auto live = slots.live(table.service_id);
            if (live && live->size == buckets.size())
                known = applied_tables.insert_or_assign(table.service_id, slots.read(live->slot)).first;
        }
        if (known != applied_tables.end() && same_buckets(known->second, buckets)) {
            applied.unchanged.push_back(table.service);
            continue;
        }
        dp.tables().publish(table.service_id, buckets);
        applied_tables.insert_or_assign(table.service_id, std::move(buckets));
        applied.published.push_back(table.service);
    }
    return applied;
}

}  // namespace shoal::daemon
