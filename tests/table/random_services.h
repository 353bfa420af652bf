// SPDX-License-Identifier: MIT
// Seeded random services and changes for the property tests. The same seed gives the
// same scenarios (within one standard library).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "table/server_change.h"
#include "table/table_types.h"

namespace shoal::table::test {

class RandomServices {
  public:
    explicit RandomServices(std::uint64_t seed) : rng_(seed) {}

    std::uint64_t uniform(std::uint64_t low, std::uint64_t high);  // inclusive
    bool chance(double p);
    // 2^min_bits..2^max_bits, each exponent equally likely.
    std::uint32_t table_size(unsigned min_bits, unsigned max_bits);
    // 1..max, log-uniform so that small and large fleets both appear often.
    std::uint32_t server_count(std::uint32_t max);
    std::uint32_t weight();  // 0..1000, 0 one time in ten
    ServerState state();     // mostly active
    // Sparse, unique indexes; at least one active server with weight > 0 unless
    // allow_zero_total.
    std::vector<Server> servers(std::uint32_t count, bool allow_zero_total = false);
    Server new_server(const std::vector<Server>& existing);
    ServerChange change(const std::vector<Server>& servers);

  private:
    std::mt19937_64 rng_;
};

}  // namespace shoal::table::test
