// SPDX-License-Identifier: MIT
#include "table/abi_table.h"

#include <fmt/format.h>

namespace shoal::table {

namespace {

__u16 to_abi_hop(ServerIndex hop, std::size_t bucket, const char* which) {
    if (hop == kNoServer) return SHOAL_NO_SERVER;
    if (hop >= SHOAL_MAX_SERVERS)
        throw TableError(
            fmt::format("bucket {}: {} hop is server index {}, but the data plane "
                        "holds indexes below {} (SHOAL_MAX_SERVERS)",
                        bucket, which, hop, SHOAL_MAX_SERVERS));
    return __u16(hop);
}

ServerIndex from_abi_hop(__u16 hop) {
    return hop == SHOAL_NO_SERVER ? kNoServer : ServerIndex(hop);
}

}  // namespace

std::vector<shoal_bucket> to_abi_buckets(const Table& table) {
    std::vector<shoal_bucket> out(table.size());
    for (std::size_t b = 0; b < table.size(); ++b) {
        out[b].first_hop = to_abi_hop(table[b].first_hop, b, "first");
        out[b].second_hop = to_abi_hop(table[b].second_hop, b, "second");
    }
    return out;
}

Table from_abi_buckets(std::span<const shoal_bucket> buckets, TimePoint changed) {
    Table out(buckets.size());
    for (std::size_t b = 0; b < buckets.size(); ++b)
        out[b] = Bucket{from_abi_hop(buckets[b].first_hop), from_abi_hop(buckets[b].second_hop),
                        changed};
    return out;
}

}  // namespace shoal::table
