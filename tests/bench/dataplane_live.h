// SPDX-License-Identifier: MIT
// `shoal-bench dataplane --live`: frames per second of shoal_xdp on one core, run with
// BPF_F_TEST_XDP_LIVE_FRAMES on the rig's veth pairs (XDP_TX and XDP_REDIRECT really transmit,
// XDP_PASS really enters lb's stack), next to an XDP_TX MAC-swap reflector measured the same
// way on the same frame. The peer ends drop at XDP (bpf/shoal_bench.bpf.c), so what is timed
// is this side's work: the program, the transmit, the peer's XDP drop, the stack for a pass.
#pragma once

#include <cstdint>
#include <string>

#include "dataplane_bench_paths.h"
#include "xdp_rig/xdp_rig.h"

struct shoal_bench;

namespace shoal::bench {

// The paths the live benchmark measures (of dataplane_paths()).
bool is_live_path(const std::string& name);
// The paths --loop can time: all but the ICMP answer, which cuts the frame's end (the restore
// program finds a frame's start from its unchanged end).
bool is_loop_path(const std::string& name);

struct LiveRate {
    double mpps = 0;            // shoal_xdp, millions of frames per second
    double reflector_mpps = 0;  // the reflector, same frame, same method, same run
};

class LiveBench {
  public:
    // Loads the benchmark programs and puts the drop program on the peer of every rig veth.
    explicit LiveBench(const test::XdpRig& rig);
    ~LiveBench();
    LiveBench(const LiveBench&) = delete;
    LiveBench& operator=(const LiveBench&) = delete;

    // Medians of `batches` runs of `frames` live frames each, shoal_xdp and the reflector
    // interleaved. Throws unless every frame shoal_xdp ran took the path (its counters moved
    // by exactly the frames run).
    LiveRate measure(const DataplanePath& path, unsigned batches, unsigned frames) const;

    // Makes `path`'s frame the one the restore program puts back before every run.
    void select(const DataplanePath& path) const;
    // ns per run as the kernel reports it for `runs` runs of the selected frame in one
    // BPF_PROG_TEST_RUN call (not live), each after the restore: for A/B comparisons with
    // less noise than single calls; includes the restore and a tail call.
    double loop_ns(const DataplanePath& path, int program_fd, unsigned runs) const;

    // Throws unless the counters moved since `before` by `runs` runs of the path (and one more:
    // this check runs it once for its output length).
    void check_counted(const DataplanePath& path, const StatsSnapshot& before,
                       unsigned runs) const;

  private:
    // ns per frame as the kernel reports it for one live run of `frames` frames.
    double run_live(const DataplanePath& path, int program_fd, unsigned frames) const;
    double run(const DataplanePath& path, int program_fd, unsigned frames,
               std::uint32_t flags) const;

    const test::XdpRig& rig_;
    shoal_bench* skeleton_ = nullptr;
};

}  // namespace shoal::bench
