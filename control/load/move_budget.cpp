// SPDX-License-Identifier: MIT
#include "load/move_budget.h"

#include "load/load_controller.h"

namespace shoal::load {
namespace {

// Step precision 1/1024: finer changes move a bucket or two at most.
constexpr int kSearchSteps = 10;

BudgetedBuild build_at(double step, std::span<table::Server> servers, std::span<const double> from,
                       std::span<const double> to, table::BuildInput input) {
    for (std::size_t i = 0; i < servers.size(); ++i)
        servers[i].weight = builder_weight(from[i] + step * (to[i] - from[i]));
    input.servers = servers;
    BudgetedBuild out{step, 0, table::build_table(input)};
    out.moved = out.build.report.moved - out.build.report.forced_moved;
    return out;
}

}  // namespace

BudgetedBuild build_within_budget(std::span<table::Server> servers, std::span<const double> from,
                                  std::span<const double> to, const table::BuildInput& base,
                                  std::uint64_t budget) {
    BudgetedBuild full = build_at(1, servers, from, to, base);
    if (full.moved <= budget) return full;
    BudgetedBuild best = build_at(0, servers, from, to, base);
    if (best.moved > budget) return best;
    // moved grows with the step (the targets move linearly between the two weight sets);
    // keep the largest step seen within the budget.
    double low = 0, high = 1;
    for (int i = 0; i < kSearchSteps; ++i) {
        const double mid = (low + high) / 2;
        BudgetedBuild trial = build_at(mid, servers, from, to, base);
        if (trial.moved <= budget) {
            low = mid;
            best = std::move(trial);
        } else {
            high = mid;
        }
    }
    return best;
}

}  // namespace shoal::load
