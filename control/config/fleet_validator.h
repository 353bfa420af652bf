// SPDX-License-Identifier: MIT
// Cross-reference checks of a parsed fleet: unique names, indexes, ids, DIPs and service keys,
// pools naming real servers, a family every server can reach every other one over.
#pragma once

#include <string_view>

#include "config/config_error.h"
#include "config/fleet_config.h"

namespace shoal::config {

void validate_fleet(const FleetConfig& fleet, std::string_view pointer, ErrorList& errors);

}  // namespace shoal::config
