// SPDX-License-Identifier: MIT
// The three scenarios shoal-sim runs (issue 6): "generations" (from equal weights),
// "degraded" (one generation loses capacity halfway) and "missing_reports" (one server's
// reports stop for a quarter of the run, then come back).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/sim_run.h"

namespace shoal::sim {

std::vector<Scenario> standard_scenarios(std::uint32_t rounds);

}  // namespace shoal::sim
