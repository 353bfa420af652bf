// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "dataplane/dataplane.h"
#include "netns/netns.h"
#include "netns/test_bpffs.h"
#include "world.h"
#include "xdp_rig/egress_probe.h"
#include "xdp_rig/noop_program.h"
#include "xdp_rig/rig_network.h"
#include "xdp_rig/state_writer.h"
#include "xdp_rig/stats_delta.h"
#include "xdp_rig/syncookie_issuer.h"
#include "xdp_rig/world_sockets.h"
#include "xdp_rig/xdp_runner.h"

namespace shoal::test {

// The real shoal_xdp in the test world of tests/model/world.h: the world's network (RigNetwork)
// and sockets (WorldSockets), the program loaded with Dataplane::load into a private bpffs and
// its maps holding the world's state (StateWriter). The constructing thread stays in the lb
// namespace until the rig is destroyed, so BPF_PROG_TEST_RUN with an ingress ifindex resolves
// lb's interfaces, FIB and sockets. Use a rig from that thread only. Everything is removed on
// destruction (SHOAL_KEEP_NETNS=1 keeps the namespaces for debugging).
class XdpRig {
  public:
    explicit XdpRig(cases::World world = cases::base_world());
    ~XdpRig();
    XdpRig(const XdpRig&) = delete;
    XdpRig& operator=(const XdpRig&) = delete;

    // One frame through the program, as if received on ingress_ifindex.
    XdpRun run(std::span<const std::uint8_t> frame,
               std::uint32_t ingress_ifindex = cases::kIngressIfindex) const;
    StatsSnapshot stats() const { return dp_->stats().read(); }

    // Makes the maps hold this state (what differs from the current one is rewritten).
    void apply(const model::DataplaneState& state) { writer_.apply(state); }
    const model::DataplaneState& state() const { return writer_.applied(); }
    const cases::World& world() const noexcept { return world_; }

    IssuedCookie issue_cookie(const model::SocketTuple& tuple, std::uint32_t isn = 0) const {
        return issuer_->issue(tuple, isn);
    }
    const EgressProbe& egress() const { return *egress_; }
    const XdpRunner& runner() const noexcept { return runner_; }
    const NoopProgram& noop() const noexcept { return noop_; }
    const Dataplane& dataplane() const { return *dp_; }
    const RigNetwork& network() const noexcept { return network_; }
    std::size_t socket_count() const { return sockets_->count(); }

  private:
    cases::World world_;
    TestBpffs bpffs_;
    RigNetwork network_;
    NoopProgram noop_;
    EnterNetns inside_;
    std::optional<Dataplane> dp_;
    StateWriter writer_;
    XdpRunner runner_;
    std::unique_ptr<WorldSockets> sockets_;
    std::unique_ptr<SyncookieIssuer> issuer_;
    std::unique_ptr<EgressProbe> egress_;
};

}  // namespace shoal::test
