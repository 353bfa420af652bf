// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>

#include "packet/packet_layers.h"

namespace shoal::test {

struct XdpRun {
    std::uint32_t action = 0;       // XDP_* the program returned
    Bytes output;                   // the frame as the program left it
    std::uint32_t duration_ns = 0;  // the kernel's timing of the run (repeat = 1: that one run)
};

// The kernel refused to run a frame (BPF_PROG_TEST_RUN failed), e.g. one shorter than an
// Ethernet header, which XDP never sees.
class TestRunRefused : public std::runtime_error {
  public:
    TestRunRefused(const std::string& what, int error) : std::runtime_error(what), error_(error) {}
    int error() const noexcept { return error_; }

  private:
    int error_;
};

// Runs an XDP program on frames with BPF_PROG_TEST_RUN, as if each arrived on ingress_ifindex
// of the calling thread's network namespace (helpers see that interface's netns: FIB, sockets).
class XdpRunner {
  public:
    explicit XdpRunner(int program_fd) : fd_(program_fd) {}

    XdpRun run(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex) const;
    // Only the kernel-reported duration; no output copied back (for timing loops).
    std::uint32_t time_once(std::span<const std::uint8_t> frame,
                            std::uint32_t ingress_ifindex) const;
    // BPF_F_TEST_XDP_LIVE_FRAMES: XDP_TX and XDP_REDIRECT really send the frame, XDP_PASS
    // hands it to the stack. The kernel reports no action or output in this mode.
    void run_live(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex) const;

    int program_fd() const noexcept { return fd_; }

  private:
    int fd_;
};

}  // namespace shoal::test
