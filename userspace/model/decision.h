// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shoal_abi.h"

namespace shoal::model {

// Everything the XDP program does with one frame (docs/dataplane.md "Outputs").
struct Decision {
    std::uint32_t action = 0;            // XDP_PASS, XDP_DROP, XDP_TX or XDP_REDIRECT
    std::uint32_t redirect_ifindex = 0;  // for XDP_REDIRECT only, else 0
    shoal_stat verdict = SHOAL_STAT_PASS_NOT_IP;
    std::uint32_t stats_row = SHOAL_STATS_ROW_NONE;  // service id or SHOAL_STATS_ROW_NONE
    bool decap_counted = false;                      // SHOAL_STAT_DECAP in stats_row
    std::optional<shoal_stat> auth_event;            // GUE_AUTH_MISSING or _BAD, in row NONE
    std::uint64_t stats_bytes = 0;                   // frame length at entry
    std::optional<std::uint16_t> srv_target;         // shoal_srv_stats index, for TX/REDIRECT
    std::uint64_t srv_bytes = 0;                     // output frame length, with srv_target
    std::vector<std::uint8_t> frame;                 // output for PASS/TX/REDIRECT; empty on DROP
};

std::string stat_name(shoal_stat stat);          // "KEEP_SYN", ...
std::string action_name(std::uint32_t action);   // "XDP_PASS", ...
std::string describe(const Decision& decision);  // one line, for test failure messages

}  // namespace shoal::model
