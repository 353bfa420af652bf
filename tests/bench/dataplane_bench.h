// SPDX-License-Identifier: MIT
// `shoal-bench dataplane`: the ns/packet of shoal_xdp on each packet path of the test world,
// of the no-op XDP program timed the same way, and the difference; prints a JSON array
// (--json) or a table. With --live also the frames per second of live frames next to an XDP_TX
// reflector (dataplane_live.h). Needs root: it builds the XdpRig (namespaces, program, sockets).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace shoal::bench {

std::function<int()> attach_dataplane_bench(CLI::App& command);

}  // namespace shoal::bench
