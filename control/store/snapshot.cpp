// SPDX-License-Identifier: MIT
#include "store/snapshot.h"

#include <fmt/format.h>

#include <set>

#include "config/limits.h"

namespace shoal::store {

namespace {
bool valid_hop(std::uint16_t hop) { return hop < SHOAL_MAX_SERVERS || hop == SHOAL_NO_SERVER; }

void check_table(const ServiceTable& table, std::vector<std::string>& problems) {
    const auto size = table.buckets.size();
    const bool power_of_two = size != 0 && (size & (size - 1)) == 0;
    if (!power_of_two || size < (1u << SHOAL_MIN_TABLE_BITS) || size > (1u << SHOAL_MAX_TABLE_BITS))
        problems.push_back(fmt::format("table {}: {} buckets; expected a power of two 2^{}..2^{}",
                                       table.service, size, SHOAL_MIN_TABLE_BITS,
                                       SHOAL_MAX_TABLE_BITS));
    for (std::size_t i = 0; i < size; ++i) {
        const auto& bucket = table.buckets[i];
        if (!valid_hop(bucket.first_hop) || !valid_hop(bucket.second_hop)) {
            problems.push_back(fmt::format(
                "table {}: bucket {}: hops {}/{}; expected server indexes below {} or {}",
                table.service, i, bucket.first_hop, bucket.second_hop, SHOAL_MAX_SERVERS,
                SHOAL_NO_SERVER));
            return;  // one is enough to refuse the table
        }
    }
}
}  // namespace

TimePoint now_ms() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

std::vector<shoal_bucket> ServiceTable::abi_buckets() const {
    std::vector<shoal_bucket> out(buckets.size());
    for (std::size_t i = 0; i < buckets.size(); ++i)
        out[i] = {buckets[i].first_hop, buckets[i].second_hop};
    return out;
}

const ServiceTable* Snapshot::find_table(std::string_view service) const noexcept {
    for (const auto& table : tables)
        if (table.service == service) return &table;
    return nullptr;
}

std::vector<std::string> snapshot_problems(const Snapshot& snapshot) {
    std::vector<std::string> problems;
    if (snapshot.generation == 0) problems.push_back("generation 0; generations start at 1");
    if (!snapshot.publisher.empty() && snapshot.publisher.size() > 256)
        problems.push_back("publisher id longer than 256 characters");
    std::set<std::string_view> names;
    std::set<std::uint16_t> ids;
    for (const auto& table : snapshot.tables) {
        if (!config::is_valid_name(table.service))
            problems.push_back(
                fmt::format("table \"{}\": expected {}", table.service, config::kNameRule));
        else if (!names.insert(table.service).second)
            problems.push_back(
                fmt::format("table {}: service listed more than once", table.service));
        if (table.service_id >= SHOAL_MAX_SERVICES)
            problems.push_back(fmt::format("table {}: service id {} is not below {}", table.service,
                                           table.service_id, SHOAL_MAX_SERVICES));
        else if (!ids.insert(table.service_id).second)
            problems.push_back(fmt::format("table {}: service id {} used by another table",
                                           table.service, table.service_id));
        check_table(table, problems);
    }
    return problems;
}

}  // namespace shoal::store
