// SPDX-License-Identifier: MIT
#include "table/apportion.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "table/table_types.h"

namespace shoal::table {

namespace {

using u128 = unsigned __int128;

struct Remainder {
    std::uint64_t value;  // total * w mod sum(w): comparable because the denominator is shared
    std::uint8_t preferred;
    std::uint32_t position;
};

// A strict total order, so the chosen set does not depend on the selection algorithm.
bool ranks_before(const Remainder& a, const Remainder& b) {
    if (a.value != b.value) return a.value > b.value;
    if (a.preferred != b.preferred) return a.preferred > b.preferred;
    return a.position < b.position;
}

}  // namespace

std::vector<std::uint64_t> apportion(std::uint64_t total, std::span<const std::uint64_t> weights,
                                     std::span<const std::uint8_t> prefer) {
    if (!prefer.empty() && prefer.size() != weights.size())
        throw TableError(fmt::format("apportion: {} preference flags for {} weights", prefer.size(),
                                     weights.size()));
    std::vector<std::uint64_t> parts(weights.size(), 0);
    if (total == 0) return parts;
    u128 sum = 0;
    for (std::uint64_t w : weights) sum += w;
    if (sum == 0)
        throw TableError(fmt::format("apportion: cannot split {} among {} entries of weight 0",
                                     total, weights.size()));

    std::vector<Remainder> remainders;
    remainders.reserve(weights.size());
    std::uint64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const u128 scaled = u128(total) * weights[i];
        parts[i] = std::uint64_t(scaled / sum);
        given += parts[i];
        const auto rest = std::uint64_t(scaled % sum);
        if (rest != 0)
            remainders.push_back(
                {rest, prefer.empty() ? std::uint8_t(0) : prefer[i], std::uint32_t(i)});
    }
    const std::uint64_t extra = total - given;  // < number of non-zero remainders
    if (extra == 0) return parts;
    std::nth_element(remainders.begin(), remainders.begin() + std::ptrdiff_t(extra - 1),
                     remainders.end(), ranks_before);
    for (std::uint64_t k = 0; k < extra; ++k) ++parts[remainders[k].position];
    return parts;
}

}  // namespace shoal::table
