// SPDX-License-Identifier: MIT
// Reads the "fleet" section field by field; cross-references are fleet_validator's job.
#pragma once

#include "config/config_error.h"
#include "config/fleet_config.h"
#include "config/json_reader.h"

namespace shoal::config {

// A server index or service id that could not be read; cross-reference checks skip it (as
// they skip empty names) so one bad field does not cause a cascade of follow-on errors.
inline constexpr std::uint16_t kUnreadNumber = 0xFFFF;
// A DIP that is present but could not be read: family 0. It still counts as "has a DIP" so
// the family check does not fire on top of the address error.
inline constexpr IpAddress kUnreadAddress{0, {}};

FleetConfig parse_fleet(const Json& value, std::string_view pointer, ErrorList& errors);
ServerConfig parse_server(const Json& value, std::string_view pointer, ErrorList& errors);
ServiceConfig parse_service(const Json& value, std::string_view pointer, ErrorList& errors);
HealthCheckConfig parse_health_check(const Json& value, std::string_view pointer,
                                     ErrorList& errors);

}  // namespace shoal::config
