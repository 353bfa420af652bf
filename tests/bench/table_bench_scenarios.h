// SPDX-License-Identifier: MIT
// The fleets and changes the table benchmark measures: a first build, then one change at
// a time from that first table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "table/table_types.h"

namespace shoal::bench {

struct TableScenario {
    std::string name;                    // "first", "drain", "add", "reweight", "down"
    std::vector<table::Server> servers;  // the fleet after the change
};

// `count` active servers, indexes 0..count-1, weights 50..150 from `seed`.
std::vector<table::Server> bench_fleet(std::uint32_t count, std::uint64_t seed);

// first (the fleet itself), drain one server, add one, change the weights of 10%,
// one server down.
std::vector<TableScenario> bench_scenarios(const std::vector<table::Server>& fleet,
                                           std::uint64_t seed);

}  // namespace shoal::bench
