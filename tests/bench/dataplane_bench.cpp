// SPDX-License-Identifier: MIT
#include "dataplane_bench.h"

#include <fmt/format.h>
#include <linux/bpf.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "dataplane_bench_paths.h"
#include "dataplane_live.h"
#include "model/decision.h"
#include "xdp_rig/xdp_rig.h"

namespace shoal::bench {

namespace {

struct Options {
    bool json = false;
    bool quick = false;
    bool live = false;
    bool loop = false;
    unsigned batches = 11;
    unsigned calls = 5000;
    unsigned warmup = 2000;
    unsigned live_frames = 200000;
    std::vector<std::string> paths;  // empty: all
};

struct Row {
    std::string path;
    double ns_per_packet = 0;
    double noop_ns_per_packet = 0;
    double net_ns_per_packet = 0;
    std::optional<LiveRate> live;  // --live only
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

// --loop: each batch is one call of o.calls runs through the restore program (dataplane_live.h).
Row loop_path(const test::XdpRig& rig, const LiveBench& harness, const DataplanePath& p,
              const Options& o) {
    harness.select(p);
    const int program = rig.runner().program_fd();
    const int noop = rig.noop().fd();
    harness.loop_ns(p, program, o.warmup + 1);
    harness.loop_ns(p, noop, o.warmup + 1);
    const StatsSnapshot before = rig.stats();
    std::vector<double> program_means, noop_means;
    for (unsigned b = 0; b < o.batches; ++b) {
        program_means.push_back(harness.loop_ns(p, program, o.calls));
        noop_means.push_back(harness.loop_ns(p, noop, o.calls));
    }
    harness.check_counted(p, before, o.batches * o.calls);
    Row r{p.name, median(program_means), median(noop_means), 0, std::nullopt};
    r.net_ns_per_packet = r.ns_per_packet - r.noop_ns_per_packet;
    return r;
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
    Row r{p.name, median(program_means), median(noop_means), 0, std::nullopt};
    r.net_ns_per_packet = r.ns_per_packet - r.noop_ns_per_packet;
    return r;
}

void print_json(const std::vector<Row>& rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Row& r : rows) {
        nlohmann::ordered_json row = {{"path", r.path},
                                      {"ns_per_packet", r.ns_per_packet},
                                      {"noop_ns_per_packet", r.noop_ns_per_packet},
                                      {"net_ns_per_packet", r.net_ns_per_packet}};
        if (r.live) {
            row["mpps"] = r.live->mpps;
            row["reflector_mpps"] = r.live->reflector_mpps;
        }
        out.push_back(row);
    }
    std::cout << out.dump(2) << "\n";
}

void print_table(const std::vector<Row>& rows, const Options& o) {
    std::cout << fmt::format("{:<17} {:>14} {:>14} {:>14} {:>8}", "path", "ns/packet",
                             "noop ns/packet", "net ns/packet", "x noop");
    std::cout << (o.live ? fmt::format(" {:>8} {:>10} {:>7}\n", "Mpps", "refl. Mpps", "% refl.")
                         : "\n");
    for (const Row& r : rows) {
        std::cout << fmt::format("{:<17} {:>14.1f} {:>14.1f} {:>14.1f} {:>8.2f}", r.path,
                                 r.ns_per_packet, r.noop_ns_per_packet, r.net_ns_per_packet,
                                 r.ns_per_packet / r.noop_ns_per_packet);
        std::cout << (r.live ? fmt::format(" {:>8.3f} {:>10.3f} {:>7.1f}\n", r.live->mpps,
                                           r.live->reflector_mpps,
                                           100 * r.live->mpps / r.live->reflector_mpps)
                             : "\n");
    }
    std::cout << (o.loop ? fmt::format("median of {} BPF_PROG_TEST_RUN calls of {} runs each "
                                       "(restored frame, kernel-reported mean); for comparing "
                                       "builds, not the targets' method\n",
                                       o.batches, o.calls)
                         : fmt::format("median of {} batches x {} BPF_PROG_TEST_RUN calls "
                                       "(repeat=1, kernel-reported duration); target: forward_v4 "
                                       "at most 4 x noop\n",
                                       o.batches, o.calls));
    if (o.live)
        std::cout << fmt::format(
            "live: median of {} runs x {} frames with BPF_F_TEST_XDP_LIVE_FRAMES on one core "
            "(transmit and the peer's XDP drop included); target: forward_v4 at least 60 % of the "
            "reflector\n",
            o.batches, o.live_frames);
}

int run(const Options& options) {
    Options o = options;
    if (o.quick) {
        o.batches = 3;
        o.calls = 200;
        o.warmup = 100;
        o.live_frames = 2000;
    }
    test::XdpRig rig;
    std::optional<LiveBench> live;
    if (o.live || o.loop) live.emplace(rig);
    std::vector<Row> rows;
    for (const DataplanePath& p : dataplane_paths()) {
        if (!o.paths.empty() && std::find(o.paths.begin(), o.paths.end(), p.name) == o.paths.end())
            continue;
        if ((o.live && !is_live_path(p.name)) || (o.loop && !is_loop_path(p.name))) continue;
        cases::World world = rig.world();
        if (p.world) p.world(world);
        rig.apply(world.state);
        check_path(rig, p);
        rows.push_back(o.loop ? loop_path(rig, *live, p, o) : time_path(rig, p, o));
        if (o.live) rows.back().live = live->measure(p, o.batches, o.live_frames);
    }
    o.json ? print_json(rows) : print_table(rows, o);
    return 0;
}

}  // namespace

std::function<int()> attach_dataplane_bench(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_flag("--json", options->json, "print a JSON array, one object per path");
    command.add_flag("--quick", options->quick, "3 batches of 200 calls, for smoke tests");
    command.add_flag("--live", options->live,
                     "also frames per second with live frames (forward_v4, forward_v6, local_v4, "
                     "pass_nonservice), next to an XDP_TX reflector: adds mpps, reflector_mpps");
    command.add_flag("--loop", options->loop,
                     "time --calls runs per BPF_PROG_TEST_RUN call, the frame restored before "
                     "each (a restore program and a tail call added to both programs): less "
                     "noise for comparing builds; not the method of the targets");
    command.add_option("--live-frames", options->live_frames, "frames per live run")
        ->check(CLI::Range(1u, 100000000u))
        ->capture_default_str();
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
