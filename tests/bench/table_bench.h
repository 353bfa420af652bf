// SPDX-License-Identifier: MIT
// `shoal-bench table`: times the forwarding-table builder against weighted Maglev on the
// same fleets and changes; prints a JSON array (--json) or an aligned table.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace shoal::bench {

std::function<int()> attach_table_bench(CLI::App& command);

}  // namespace shoal::bench
