// SPDX-License-Identifier: MIT
// The packet paths `shoal-bench dataplane` times, as frames of the test world
// (tests/model/world.h) with the decision each must get.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shoal_abi.h"
#include "world.h"

namespace shoal::bench {

struct DataplanePath {
    std::string name;  // the JSON "path" (a contract: other tools read it)
    test::Bytes frame;
    std::uint32_t ingress_ifindex = cases::kIngressIfindex;
    std::uint32_t action = 0;  // XDP_* the program must return
    shoal_stat verdict = SHOAL_STAT_PASS_NOT_IP;
    std::uint32_t row = SHOAL_STATS_ROW_NONE;
    bool decap = false;
    std::optional<std::uint16_t> srv_target;  // the server a forwarded frame is counted to
    std::function<void(cases::World&)> world;  // changes to the world for this path, if any
};

// pass_nonservice, local_v4, local_v6, forward_v4, forward_v6, decap_local, decap_second_hop,
// icmp_too_big_v4 (the ICMP answer of docs/dataplane.md §9), decap_local_auth (decap_local
// with a tag checked in mode enforce, §8) and forward_v4_auth (forward_v4 signing its GUE).
std::vector<DataplanePath> dataplane_paths();

}  // namespace shoal::bench
