// SPDX-License-Identifier: MIT
// Runs the shared packet cases (tests/model/cases.h) through the real program in an XdpRig.
#pragma once

#include <optional>
#include <string>

#include "cases.h"
#include "xdp_rig/xdp_rig.h"

namespace shoal::test {

// A case made ready for the real kernel: its world applied to the rig's maps and, when it
// needs one, a SYN cookie the kernel really issued written into its frame and output.
struct PreparedCase {
    Bytes frame;
    cases::Expected expect;
    std::uint32_t ingress_ifindex = cases::kIngressIfindex;
    cases::World world;
};

PreparedCase prepare(XdpRig& rig, const cases::PacketCase& c);

// What the counters must show after one run of the case: its verdict (and DECAP) in its row,
// with the frame length at entry, and one packet to its srv_stats target with the output length.
StatsDelta expected_delta(const PreparedCase& p);

struct Observation {
    XdpRun run;
    StatsDelta delta;
};

// One run, with the counters read before and after.
Observation observe(const XdpRig& rig, const PreparedCase& p);

// Why the world of a case cannot be recreated by the rig (it changes the FIB or the sockets),
// or nullopt.
std::optional<std::string> unsupported_world(const XdpRig& rig, const cases::World& world);

}  // namespace shoal::test
