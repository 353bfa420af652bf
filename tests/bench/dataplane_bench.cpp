// SPDX-License-Identifier: MIT
#include "dataplane_bench.h"

#include <fmt/format.h>
#include <linux/bpf.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "dataplane_bench_paths.h"
#include "model/decision.h"
#include "xdp_rig/xdp_rig.h"

namespace shoal::bench {

namespace {

struct Options {
    bool json = false;
    bool quick = false;
    unsigned batches = 11;
    unsigned calls = 5000;
    unsigned warmup = 2000;
    std::vector<std::string> paths;  // empty: all
};

struct Row {
    std::string path;
    double ns_per_packet = 0;
    double noop_ns_per_packet = 0;
    double net_ns_per_packet = 0;
};

// Runs the path once and throws unless the program took it: the numbers must be for the path
// they are printed for.
void check_path(const test::XdpRig& rig, const DataplanePath& p) {
    const StatsSnapshot before = rig.stats();
    const test::XdpRun run = rig.run(p.frame, p.ingress_ifindex);
    const test::StatsDelta moved = test::stats_delta(before, rig.stats());
    test::StatsDelta want;
    std::vector<test::ServerChange> servers;
    if (p.srv_target) servers.push_back({*p.srv_target, 1, run.output.size()});
    test::add_expected(want, p.row, p.verdict, p.decap, p.frame.size(), servers);
    if (run.action != p.action || moved != want)
        throw std::runtime_error(fmt::format(
            "path {} is not taken: expected {} and {}, the program returned {} and counted {}",
            p.name, model::action_name(p.action), want.describe(), model::action_name(run.action),
            moved.describe()));
}

// The mean kernel-reported ns of `calls` single runs (repeat = 1: a program that rewrites the
// frame must see the original each time, and each run is timed on its own).
double batch_mean(const test::XdpRunner& runner, const DataplanePath& p, unsigned calls) {
    std::uint64_t total = 0;
    for (unsigned i = 0; i < calls; ++i) total += runner.time_once(p.frame, p.ingress_ifindex);
    return static_cast<double>(total) / calls;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

Row time_path(const test::XdpRig& rig, const DataplanePath& p, const Options& o) {
    const test::XdpRunner program = rig.runner();
    const test::XdpRunner noop(rig.noop().fd());
    batch_mean(program, p, o.warmup);
    batch_mean(noop, p, o.warmup);
    std::vector<double> program_means, noop_means;
    for (unsigned b = 0; b < o.batches; ++b) {  // interleaved, so drift hits both alike
        program_means.push_back(batch_mean(program, p, o.calls));
        noop_means.push_back(batch_mean(noop, p, o.calls));
    }
    Row r{p.name, median(program_means), median(noop_means), 0};
    r.net_ns_per_packet = r.ns_per_packet - r.noop_ns_per_packet;
    return r;
}

void print_json(const std::vector<Row>& rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Row& r : rows)
        out.push_back({{"path", r.path},
                       {"ns_per_packet", r.ns_per_packet},
                       {"noop_ns_per_packet", r.noop_ns_per_packet},
                       {"net_ns_per_packet", r.net_ns_per_packet}});
    std::cout << out.dump(2) << "\n";
}

void print_table(const std::vector<Row>& rows, const Options& o) {
    std::cout << fmt::format("{:<17} {:>14} {:>14} {:>14} {:>8}\n", "path", "ns/packet",
                             "noop ns/packet", "net ns/packet", "x noop");
    for (const Row& r : rows)
        std::cout << fmt::format("{:<17} {:>14.1f} {:>14.1f} {:>14.1f} {:>8.2f}\n", r.path,
                                 r.ns_per_packet, r.noop_ns_per_packet, r.net_ns_per_packet,
                                 r.ns_per_packet / r.noop_ns_per_packet);
    std::cout << fmt::format(
        "median of {} batches x {} BPF_PROG_TEST_RUN calls (repeat=1, kernel-reported duration); "
        "target: forward_v4 at most 3 x noop\n",
        o.batches, o.calls);
}

int run(const Options& options) {
    Options o = options;
    if (o.quick) {
        o.batches = 3;
        o.calls = 200;
        o.warmup = 100;
    }
    test::XdpRig rig;
    std::vector<Row> rows;
    for (const DataplanePath& p : dataplane_paths()) {
        if (!o.paths.empty() && std::find(o.paths.begin(), o.paths.end(), p.name) == o.paths.end())
            continue;
        cases::World world = rig.world();
        if (p.world) p.world(world);
        rig.apply(world.state);
        check_path(rig, p);
        rows.push_back(time_path(rig, p, o));
    }
    o.json ? print_json(rows) : print_table(rows, o);
    return 0;
}

}  // namespace

std::function<int()> attach_dataplane_bench(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_flag("--json", options->json, "print a JSON array, one object per path");
    command.add_flag("--quick", options->quick, "3 batches of 200 calls, for smoke tests");
    command.add_option("--batches", options->batches, "batches per path; the median is reported")
        ->check(CLI::Range(1u, 1000u))
        ->capture_default_str();
    command.add_option("--calls", options->calls, "timed calls per batch")
        ->check(CLI::Range(1u, 10000000u))
        ->capture_default_str();
    command.add_option("--warmup", options->warmup, "untimed calls per path and program first")
        ->capture_default_str();
    command.add_option("--path", options->paths, "time only these paths (e.g. to profile one)");
    return [options] {
        try {
            return run(*options);
        } catch (const std::exception& e) {
            std::cerr << "shoal-bench dataplane: " << e.what() << "\n";
            return 1;
        }
    };
}

}  // namespace shoal::bench
