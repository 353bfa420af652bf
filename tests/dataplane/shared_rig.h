// SPDX-License-Identifier: MIT
// One rig per test process: building the world (namespaces, sockets, program load) takes about a
// second, and Catch2 re-enters a test case once per section.
#pragma once

#include <memory>

#include "xdp_rig/xdp_rig.h"

namespace shoal::test {

inline XdpRig& shared_rig() {
    static std::unique_ptr<XdpRig> rig = std::make_unique<XdpRig>();
    return *rig;
}

}  // namespace shoal::test
