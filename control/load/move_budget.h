// SPDX-License-Identifier: MIT
// The bucket move budget, checked with the real table builder: the largest step from the
// weights in force toward the wanted ones whose table moves at most `budget` buckets.
#pragma once

#include <cstdint>
#include <span>

#include "table/table_builder.h"

namespace shoal::load {

struct BudgetedBuild {
    double step = 0;          // 0..1
    std::uint64_t moved = 0;  // ordinary moves (forced ones never count)
    table::BuildResult build;
};

// `from` and `to` are per-server weights (config units) in the order of `servers`, whose
// weight fields are overwritten. A build at step 0 moving more than the budget returns it
// with step 0: the table is still settling from earlier changes.
BudgetedBuild build_within_budget(std::span<table::Server> servers, std::span<const double> from,
                                  std::span<const double> to, const table::BuildInput& base,
                                  std::uint64_t budget);

}  // namespace shoal::load
