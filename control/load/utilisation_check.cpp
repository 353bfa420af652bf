// SPDX-License-Identifier: MIT
#include "load/utilisation_check.h"

#include <fmt/format.h>

#include <cmath>

namespace shoal::load {

std::optional<std::string> why_unusable(double utilisation) {
    if (std::isnan(utilisation)) return "utilisation is NaN";
    if (std::isinf(utilisation)) return fmt::format("utilisation {} is infinite", utilisation);
    if (utilisation < 0) return fmt::format("utilisation {} is negative", utilisation);
    if (utilisation > 1) return fmt::format("utilisation {} is above 1 (100%)", utilisation);
    return std::nullopt;
}

}  // namespace shoal::load
