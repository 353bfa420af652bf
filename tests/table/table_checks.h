// SPDX-License-Identifier: MIT
// Checks a build's output against the rules, recomputing everything from the
// inputs independently of the builder. Returns one line per violation (empty: all good).
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "table/table_builder.h"

namespace shoal::table::test {

std::vector<std::string> check_build(const BuildInput& input, const BuildResult& result);

// Joins violations for a Catch2 INFO; at most `limit` lines.
std::string summarize(const std::vector<std::string>& violations, std::size_t limit = 12);

// A Catch2 REQUIRE that the build follows every rule, listing the violations when not.
inline void require_rules(const BuildInput& input, const BuildResult& result) {
    const auto bad = check_build(input, result);
    INFO(summarize(bad));
    REQUIRE(bad.empty());
}

}  // namespace shoal::table::test
