// SPDX-License-Identifier: MIT
#include "xdp_rig/xdp_runner.h"

#include <bpf/bpf.h>
#include <linux/bpf.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace shoal::test {
namespace {

// Room for what the program pushes in front (at most the 256 bytes of XDP headroom).
constexpr std::size_t kOutputSlack = 512;

xdp_md context_for(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex) {
    xdp_md ctx{};
    ctx.data = 0;
    ctx.data_end = static_cast<__u32>(frame.size());
    ctx.ingress_ifindex = ingress_ifindex;
    return ctx;
}

[[noreturn]] void refused(const char* mode, std::span<const std::uint8_t> frame,
                          std::uint32_t ingress_ifindex, int error) {
    throw TestRunRefused(std::string("BPF_PROG_TEST_RUN (") + mode + ") of a " +
                             std::to_string(frame.size()) + "-byte frame on ifindex " +
                             std::to_string(ingress_ifindex) + ": " + std::strerror(error),
                         error);
}

}  // namespace

XdpRun XdpRunner::run(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex) const {
    xdp_md ctx = context_for(frame, ingress_ifindex);
    XdpRun result;
    result.output.resize(frame.size() + kOutputSlack);
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame.data(), .data_out = result.output.data(),
                .data_size_in = static_cast<__u32>(frame.size()),
                .data_size_out = static_cast<__u32>(result.output.size()), .ctx_in = &ctx,
                .ctx_size_in = sizeof(ctx), .repeat = 1);
    if (::bpf_prog_test_run_opts(fd_, &opts) != 0) refused("run", frame, ingress_ifindex, errno);
    result.action = opts.retval;
    result.duration_ns = opts.duration;
    result.output.resize(opts.data_size_out);
    return result;
}

std::uint32_t XdpRunner::time_once(std::span<const std::uint8_t> frame,
                                   std::uint32_t ingress_ifindex) const {
    xdp_md ctx = context_for(frame, ingress_ifindex);
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame.data(),
                .data_size_in = static_cast<__u32>(frame.size()), .ctx_in = &ctx,
                .ctx_size_in = sizeof(ctx), .repeat = 1);
    if (::bpf_prog_test_run_opts(fd_, &opts) != 0) refused("time", frame, ingress_ifindex, errno);
    return opts.duration;
}

void XdpRunner::run_live(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex) const {
    xdp_md ctx = context_for(frame, ingress_ifindex);
    LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame.data(),
                .data_size_in = static_cast<__u32>(frame.size()), .ctx_in = &ctx,
                .ctx_size_in = sizeof(ctx), .repeat = 1, .flags = BPF_F_TEST_XDP_LIVE_FRAMES);
    if (::bpf_prog_test_run_opts(fd_, &opts) != 0)
        refused("live frames", frame, ingress_ifindex, errno);
}

}  // namespace shoal::test
