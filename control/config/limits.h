// SPDX-License-Identifier: MIT
// Limits shared by the config, the operator state and the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shoal_abi.h"

namespace shoal::config {

// Keeps weight sums far from overflow in the table builder (8192 servers x 1e6 < 2^33).
inline constexpr std::uint32_t kMaxWeight = 1'000'000;
inline constexpr std::uint32_t kDefaultWeight = 100;
inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::uint32_t kMaxServerIndex = SHOAL_MAX_SERVERS - 1;
inline constexpr std::uint32_t kMaxServiceId = SHOAL_MAX_SERVICES - 1;

// Server and service names appear in file names, metrics labels and URLs.
inline constexpr std::string_view kNameRule =
    "a name of 1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";
bool is_valid_name(std::string_view name);

}  // namespace shoal::config
