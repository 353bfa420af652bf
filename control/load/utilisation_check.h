// SPDX-License-Identifier: MIT
// The one rule for a usable utilisation: a finite number in 0..1 (0..100%). Sources use it
// before reporting and the controller again on what it is given.
#pragma once

#include <optional>
#include <string>

namespace shoal::load {

// nullopt when usable; otherwise why not ("utilisation -0.2 is negative", "... NaN ...").
std::optional<std::string> why_unusable(double utilisation);

}  // namespace shoal::load
