// SPDX-License-Identifier: MIT
#include "xdp_rig/xdp_rig.h"

namespace shoal::test {
namespace {

Dataplane load_into(const TestBpffs& bpffs) {
    return Dataplane::load(DataplaneOptions{bpffs.subdir("shoal")});
}

}  // namespace

XdpRig::XdpRig(cases::World world)
    : world_(std::move(world)),
      network_(world_),
      inside_(network_.lb()),
      dp_(load_into(bpffs_)),
      writer_(*dp_),
      runner_(dp_->program_fd()) {
    for (std::uint32_t ifindex : network_.ifindexes())
        noop_.attach(network_.net(), network_.peer_ifname(ifindex));
    writer_.apply(world_.state);
    sockets_ = std::make_unique<WorldSockets>(world_.sockets, world_.state, network_);
    issuer_ = std::make_unique<SyncookieIssuer>(network_);
    egress_ = std::make_unique<EgressProbe>(network_);
}

XdpRig::~XdpRig() = default;

XdpRun XdpRig::run(std::span<const std::uint8_t> frame, std::uint32_t ingress_ifindex) const {
    return runner_.run(frame, ingress_ifindex);
}

}  // namespace shoal::test
