// SPDX-License-Identifier: MIT
#include "dataplane/table_validator.h"

#include <fmt/format.h>

#include <bit>
#include <optional>
#include <string>

#include "dataplane/dataplane_error.h"

namespace shoal {
namespace {

// Why one bucket is unacceptable, or nullopt.
std::optional<std::string> bucket_problem(const shoal_bucket& b,
                                          const std::vector<bool>& configured, bool allow_empty) {
    if (b.first_hop == SHOAL_NO_SERVER) {
        if (!allow_empty) return std::string("empty first hop (not allowed for this publish)");
    } else if (b.first_hop >= SHOAL_MAX_SERVERS) {
        return fmt::format("first hop {} >= {}", b.first_hop, SHOAL_MAX_SERVERS);
    } else if (b.first_hop >= configured.size() || !configured[b.first_hop]) {
        return fmt::format("first hop {} is not a configured server", b.first_hop);
    }
    if (b.second_hop != SHOAL_NO_SERVER && b.second_hop >= SHOAL_MAX_SERVERS)
        return fmt::format("second hop {} >= {}", b.second_hop, SHOAL_MAX_SERVERS);
    return std::nullopt;
}

}  // namespace

void validate_table(std::uint32_t service_id, std::span<const shoal_bucket> buckets,
                    const std::vector<bool>& configured_servers, bool allow_empty_first_hops) {
    const std::string op = fmt::format("publish table for service {}", service_id);
    if (service_id >= SHOAL_MAX_SERVICES)
        throw DataplaneError::invalid(op, fmt::format("service id >= {}", SHOAL_MAX_SERVICES));
    const std::size_t size = buckets.size();
    constexpr std::size_t min = std::size_t{1} << SHOAL_MIN_TABLE_BITS;
    constexpr std::size_t max = std::size_t{1} << SHOAL_MAX_TABLE_BITS;
    if (!std::has_single_bit(size) || size < min || size > max)
        throw DataplaneError::invalid(
            op, fmt::format("size {} is not a power of two between {} and {}", size, min, max));

    std::optional<std::string> first_problem;
    std::size_t first_bad = 0, bad = 0;
    for (std::size_t i = 0; i < size; ++i) {
        auto problem = bucket_problem(buckets[i], configured_servers, allow_empty_first_hops);
        if (!problem) continue;
        if (bad++ == 0) {
            first_problem = std::move(problem);
            first_bad = i;
        }
    }
    if (bad != 0)
        throw DataplaneError::invalid(op, fmt::format("bucket {}: {} ({} of {} buckets invalid)",
                                                      first_bad, *first_problem, bad, size));
}

}  // namespace shoal
