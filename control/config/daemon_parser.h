// SPDX-License-Identifier: MIT
// Reads the whole config document: the fleet and the daemon's own sections.
#pragma once

#include "config/config_error.h"
#include "config/daemon_config.h"
#include "config/json_reader.h"

namespace shoal::config {

// Records every problem in `errors`; the result is only meaningful when none were found.
DaemonConfig parse_daemon_config(const Json& document, ErrorList& errors);

}  // namespace shoal::config
