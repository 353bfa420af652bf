// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "xdp_rig/frame_capture.h"
#include "xdp_rig/rig_network.h"
#include "xdp_rig/xdp_runner.h"

namespace shoal::test {

// Where a frame really leaves lb: runs the program in live-frames mode (XDP_TX and
// XDP_REDIRECT then transmit for real) and watches the peer end of every lb veth in net, whose
// XDP program (NoopProgram, attached by the rig) makes veth deliver XDP frames.
class EgressProbe {
  public:
    explicit EgressProbe(const RigNetwork& network);

    struct Egress {
        std::uint32_t ifindex = 0;  // the lb interface the frame left through
        Bytes frame;                // as the peer received it
    };

    // The interface through which a frame equal to `expected` left, or nullopt when none
    // arrived within the deadline. Frames the lb stack sends on its own (neighbour discovery,
    // router solicitations) are ignored.
    std::optional<Egress> send_live(const XdpRunner& runner, std::span<const std::uint8_t> frame,
                                    std::uint32_t ingress_ifindex, const Bytes& expected) const;

    // Whether a frame equal to `expected` arrives at any peer end within `wait`; for checking
    // that a frame went out of exactly one interface.
    bool arrives_anywhere(const Bytes& expected, std::chrono::milliseconds wait) const;

  private:
    struct Peer {
        std::uint32_t lb_ifindex;
        std::unique_ptr<FrameCapture> capture;
    };
    std::vector<Peer> peers_;
};

}  // namespace shoal::test
