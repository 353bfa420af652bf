// SPDX-License-Identifier: MIT
// Numbers for people: packet counts in SI steps (1.2M), bytes in binary steps (3.4 GiB),
// fractions as percentages, signed changes.
#pragma once

#include <cstdint>
#include <string>

namespace shoal::cli {

// 999 → "999", 1234 → "1.2k", 123456 → "123k", 1234567 → "1.2M".
std::string format_count(std::uint64_t count);

// 740 → "740 B", 4000 → "3.9 KiB", 98765432 → "94.2 MiB".
std::string format_bytes(std::uint64_t bytes);

// 0.2312 → "23.1%".
std::string format_percent(double fraction);

// 5462 → "+5462", -16384 → "-16384", 0 → "0".
std::string format_delta(std::int64_t delta);

}  // namespace shoal::cli
