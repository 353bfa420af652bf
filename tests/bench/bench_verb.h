// SPDX-License-Identifier: MIT
// One shoal-bench verb: a subcommand with its own options. To add a verb, write its
// attach function in its own source file and add one entry to kVerbs in shoal_bench.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace shoal::bench {

// Adds the verb's options to `command`; returns what runs the verb (its exit code).
using AttachVerb = std::function<int()> (*)(CLI::App& command);

struct BenchVerb {
    const char* name;
    const char* description;
    AttachVerb attach;
};

}  // namespace shoal::bench
