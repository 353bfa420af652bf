// SPDX-License-Identifier: MIT
// shoal-bench: Shoal's benchmarks. Each verb prints numbers; none asserts a speed.
#include <iostream>
#include <utility>
#include <vector>

#include "bench_verb.h"
#include "dataplane_bench.h"
#include "table_bench.h"

namespace {

constexpr shoal::bench::BenchVerb kVerbs[] = {
    {"table", "forwarding-table builder against weighted Maglev", shoal::bench::attach_table_bench},
    {"dataplane", "ns/packet of shoal_xdp per packet path, against a no-op XDP program (root)",
     shoal::bench::attach_dataplane_bench},
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"shoal-bench: Shoal's benchmarks"};
    app.require_subcommand(1);
    std::vector<std::pair<CLI::App*, std::function<int()>>> verbs;
    for (const auto& verb : kVerbs) {
        CLI::App* command = app.add_subcommand(verb.name, verb.description);
        verbs.emplace_back(command, verb.attach(*command));
    }
    CLI11_PARSE(app, argc, argv);
    for (auto& [command, run] : verbs)
        if (command->parsed()) return run();
    return 2;
}
