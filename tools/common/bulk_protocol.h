// SPDX-License-Identifier: MIT
// Bulk transfers over the echo service's TCP port (shoal-echo serves them, shoal-loadgen
// --mode bulk drives them), for tests that need full-size segments in both directions:
//   client "BULK DOWN N\n"          server "NAME BULK DOWN N\n", then N bytes of the pattern
//   client "BULK UP N\n" + N bytes  server "NAME BULK UP N\n" once it has read all N
// The replies are ordinary echo replies ("NAME message"), so they name the server. Byte i of a
// transfer is bulk_pattern_byte(i), so the reader can check what arrived.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shoal::tools {

inline constexpr std::uint64_t kMaxBulkBytes = 1ULL << 30;

enum class BulkDirection { down, up };

struct BulkCommand {
    BulkDirection direction = BulkDirection::down;
    std::uint64_t bytes = 0;
};

std::string make_bulk_command(const BulkCommand& command);  // without the '\n'
// nullopt when `line` (without '\n') is not a bulk command or asks for more than kMaxBulkBytes.
std::optional<BulkCommand> parse_bulk_command(std::string_view line);
const char* to_string(BulkDirection direction);

inline unsigned char bulk_pattern_byte(std::uint64_t offset) {
    return static_cast<unsigned char>(offset % 251);  // a prime: no alignment with segment sizes
}
// Fills `out` with the pattern starting at transfer offset `offset`.
void fill_bulk_pattern(unsigned char* out, std::size_t size, std::uint64_t offset);
// The offset (relative to `data`) of the first byte that differs from the pattern, if any.
std::optional<std::size_t> bulk_pattern_mismatch(const unsigned char* data, std::size_t size,
                                                 std::uint64_t offset);

}  // namespace shoal::tools
