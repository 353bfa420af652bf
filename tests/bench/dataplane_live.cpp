// SPDX-License-Identifier: MIT
#include "dataplane_live.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <fmt/format.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <net/if.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "shoal_bench.skel.h"

namespace shoal::bench {
namespace {

constexpr std::size_t kHead = 64;  // SHOAL_BENCH_HEAD of bpf/shoal_bench.bpf.c
constexpr const char* kLivePaths[] = {"forward_v4", "forward_v6", "local_v4", "pass_nonservice"};

std::string errno_text(int error) { return std::strerror(error < 0 ? -error : error); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Every frame run counted as the path's single-frame decision, times `frames`.
test::StatsDelta expected_delta(const DataplanePath& p, std::size_t output_len, unsigned frames) {
    test::StatsDelta want;
    std::vector<test::ServerChange> servers;
    if (p.srv_target) servers.push_back({*p.srv_target, 1, output_len});
    test::add_expected(want, p.row, p.verdict, p.decap, p.frame.size(), servers);
    for (auto& c : want.counters) c.packets *= frames, c.bytes *= frames;
    for (auto& s : want.servers) s.packets *= frames, s.bytes *= frames;
    return want;
}

}  // namespace

bool is_loop_path(const std::string& name) { return name != "icmp_too_big_v4"; }

bool is_live_path(const std::string& name) {
    return std::find(std::begin(kLivePaths), std::end(kLivePaths), name) != std::end(kLivePaths);
}

LiveBench::LiveBench(const test::XdpRig& rig) : rig_(rig), skeleton_(shoal_bench__open_and_load()) {
    if (!skeleton_)
        throw std::runtime_error("load bpf/shoal_bench.bpf.c: " + errno_text(errno));
    // Replaces the rig's pass-through program on the peers: a frame sent there ends at XDP.
    const int drop = bpf_program__fd(skeleton_->progs.shoal_bench_drop);
    test::EnterNetns inside(rig.network().net());
    for (std::uint32_t ifindex : rig.network().ifindexes()) {
        const std::string peer = rig.network().peer_ifname(ifindex);
        const int index = static_cast<int>(::if_nametoindex(peer.c_str()));
        const int rc = index ? ::bpf_xdp_attach(index, drop, XDP_FLAGS_DRV_MODE, nullptr) : -errno;
        if (rc != 0) {
            shoal_bench__destroy(skeleton_);
            throw std::runtime_error("attach shoal_bench_drop to " + peer + ": " + errno_text(rc));
        }
    }
}

LiveBench::~LiveBench() { shoal_bench__destroy(skeleton_); }

void LiveBench::select(const DataplanePath& p) const {
    if (p.frame.size() < kHead)
        throw std::invalid_argument(fmt::format(
            "path {}: a {}-byte frame is shorter than the {} bytes the restore program puts back",
            p.name, p.frame.size(), kHead));
    std::uint8_t head[kHead + 4];  // struct shoal_bench_head: the bytes, then the length
    std::memcpy(head, p.frame.data(), kHead);
    const auto len = static_cast<std::uint32_t>(p.frame.size());
    std::memcpy(head + kHead, &len, sizeof(len));
    const std::uint32_t zero = 0;
    if (::bpf_map_update_elem(bpf_map__fd(skeleton_->maps.shoal_bench_frame), &zero, head,
                              BPF_ANY) != 0)
        throw std::runtime_error("shoal_bench_frame: " + errno_text(errno));
}

double LiveBench::loop_ns(const DataplanePath& p, int program_fd, unsigned runs) const {
    return run(p, program_fd, runs, 0);
}

double LiveBench::run_live(const DataplanePath& p, int program_fd, unsigned frames) const {
    return run(p, program_fd, frames, BPF_F_TEST_XDP_LIVE_FRAMES);
}

double LiveBench::run(const DataplanePath& p, int program_fd, unsigned frames,
                      std::uint32_t flags) const {
    const std::uint32_t zero = 0;
    if (::bpf_map_update_elem(bpf_map__fd(skeleton_->maps.shoal_bench_next), &zero, &program_fd,
                              BPF_ANY) != 0)
        throw std::runtime_error("shoal_bench_next: cannot tail-call the program measured: " +
                                 errno_text(errno));
    xdp_md ctx{};
    ctx.data_end = static_cast<__u32>(p.frame.size());
    ctx.ingress_ifindex = p.ingress_ifindex;
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = p.frame.data(),
                .data_size_in = static_cast<__u32>(p.frame.size()), .ctx_in = &ctx,
                .ctx_size_in = sizeof(ctx), .repeat = static_cast<int>(frames),
                .flags = flags);
    const int restore = bpf_program__fd(skeleton_->progs.shoal_bench_restore);
    if (::bpf_prog_test_run_opts(restore, &opts) != 0)
        throw std::runtime_error(fmt::format("{} of path {}: {}", flags ? "live frames" : "loop",
                                             p.name, errno_text(errno)));
    return opts.duration;
}

LiveRate LiveBench::measure(const DataplanePath& p, unsigned batches, unsigned frames) const {
    select(p);
    const int shoal = rig_.runner().program_fd();
    const int reflector = bpf_program__fd(skeleton_->progs.shoal_bench_reflect);

    run_live(p, shoal, frames / 4 + 1);  // warm-up: caches, the FIB cache entry, page pools
    run_live(p, reflector, frames / 4 + 1);
    const StatsSnapshot before = rig_.stats();
    std::vector<double> shoal_ns, reflector_ns;
    for (unsigned b = 0; b < batches; ++b) {  // interleaved, so drift hits both alike
        shoal_ns.push_back(run_live(p, shoal, frames));
        reflector_ns.push_back(run_live(p, reflector, frames));
    }
    check_counted(p, before, frames * batches);
    return {1e3 / median(shoal_ns), 1e3 / median(reflector_ns)};
}

void LiveBench::check_counted(const DataplanePath& p, const StatsSnapshot& before,
                              unsigned frames) const {
    const std::size_t output_len = rig_.run(p.frame, p.ingress_ifindex).output.size();
    const StatsSnapshot after = rig_.stats();
    test::StatsDelta moved = test::stats_delta(before, after);
    // The single run above, for the output length, counted one more.
    const test::StatsDelta want = expected_delta(p, output_len, frames + 1);
    if (moved != want)
        throw std::runtime_error(fmt::format(
            "path {}: not every run took it (expected {}, counted {})", p.name, want.describe(),
            moved.describe()));
}

}  // namespace shoal::bench
