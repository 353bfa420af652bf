// SPDX-License-Identifier: MIT
// The agent's data-plane settings beyond the fleet: agent.gue_auth (the GUE authentication
// mode and the key files, read here) and agent.icmp_too_big (the ICMP answers' rate limit).
#pragma once

#include <string_view>

#include "config/daemon_config.h"
#include "config/json_reader.h"

namespace shoal::config {

GueAuthConfig parse_gue_auth(const Json& value, std::string_view pointer, ErrorList& errors);
IcmpTooBigConfig parse_icmp_too_big(const Json& value, std::string_view pointer, ErrorList& errors);

}  // namespace shoal::config
