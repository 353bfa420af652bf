// SPDX-License-Identifier: MIT
#include "xdp_rig/egress_probe.h"

#include <chrono>

namespace shoal::test {
namespace {

constexpr std::chrono::milliseconds kArrival{2000};

}  // namespace

EgressProbe::EgressProbe(const RigNetwork& network) {
    for (std::uint32_t ifindex : network.ifindexes())
        peers_.push_back(
            {ifindex, std::make_unique<FrameCapture>(network.net(), network.peer_ifname(ifindex))});
}

std::optional<EgressProbe::Egress> EgressProbe::send_live(const XdpRunner& runner,
                                                          std::span<const std::uint8_t> frame,
                                                          std::uint32_t ingress_ifindex,
                                                          const Bytes& expected) const {
    for (const Peer& p : peers_) p.capture->drain();
    runner.run_live(frame, ingress_ifindex);
    const auto is_expected = [&](const Bytes& f) { return f == expected; };
    // A frame crosses a veth synchronously in NAPI context; poll each peer in turn.
    const auto deadline = std::chrono::steady_clock::now() + kArrival;
    while (std::chrono::steady_clock::now() < deadline) {
        for (const Peer& p : peers_)
            if (auto got = p.capture->wait_for(is_expected, std::chrono::milliseconds(20)))
                return Egress{p.lb_ifindex, std::move(*got)};
    }
    return std::nullopt;
}

bool EgressProbe::arrives_anywhere(const Bytes& expected, std::chrono::milliseconds wait) const {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    const auto is_expected = [&](const Bytes& f) { return f == expected; };
    do {
        for (const Peer& p : peers_)
            if (p.capture->wait_for(is_expected, std::chrono::milliseconds(10))) return true;
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

}  // namespace shoal::test
