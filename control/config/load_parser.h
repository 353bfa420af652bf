// SPDX-License-Identifier: MIT
// The load feedback loop's config: agent.load_source (where this server's load is read) and
// conductor.load_controller (the controller's knobs). Field meanings: docs/config.md.
#pragma once

#include <string_view>

#include "config/config_error.h"
#include "config/json_reader.h"
#include "load/controller_settings.h"
#include "load/load_source.h"

namespace shoal::config {

load::SourceSpec parse_load_source(const Json& value, std::string_view pointer, ErrorList& errors);
// Present means enabled unless it says "enabled": false.
load::ControllerSettings parse_load_controller(const Json& value, std::string_view pointer,
                                               ErrorList& errors);

}  // namespace shoal::config
