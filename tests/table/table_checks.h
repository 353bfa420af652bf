// SPDX-License-Identifier: MIT
// Checks a build's output against the rules, recomputing everything from the
// inputs independently of the builder. Returns one line per violation (empty: all good).
#pragma once

#include <string>
#include <vector>

#include "table/table_builder.h"

namespace shoal::table::test {

std::vector<std::string> check_build(const BuildInput& input, const BuildResult& result);

// Joins violations for a Catch2 INFO; at most `limit` lines.
std::string summarize(const std::vector<std::string>& violations, std::size_t limit = 12);

}  // namespace shoal::table::test
