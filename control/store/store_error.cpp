// SPDX-License-Identifier: MIT
#include "store/store_error.h"

#include <fmt/format.h>

namespace shoal::store {

StaleGenerationError::StaleGenerationError(std::uint64_t refused, std::uint64_t current)
    : StoreError(
          fmt::format("refused to publish generation {}: the store is already at generation {}; "
                      "a new generation must be above it",
                      refused, current)),
      refused_(refused),
      current_(current) {}

}  // namespace shoal::store
