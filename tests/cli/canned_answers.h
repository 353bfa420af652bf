// SPDX-License-Identifier: MIT
// The daemon's answers as docs/api.md documents them, for the view tests and for the
// canned daemon shoalctl talks to.
#pragma once

#include <nlohmann/json.hpp>

namespace shoal::test {

nlohmann::json canned_status();
nlohmann::json canned_plan();
nlohmann::json canned_table(bool with_diff);
nlohmann::json canned_stats();

}  // namespace shoal::test
