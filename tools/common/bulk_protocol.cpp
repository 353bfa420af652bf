// SPDX-License-Identifier: MIT
#include "common/bulk_protocol.h"

#include <charconv>

namespace shoal::tools {

const char* to_string(BulkDirection direction) {
    return direction == BulkDirection::down ? "down" : "up";
}

std::string make_bulk_command(const BulkCommand& command) {
    return std::string(command.direction == BulkDirection::down ? "BULK DOWN " : "BULK UP ") +
           std::to_string(command.bytes);
}

std::optional<BulkCommand> parse_bulk_command(std::string_view line) {
    BulkCommand command;
    if (line.starts_with("BULK DOWN ")) {
        line.remove_prefix(10);
    } else if (line.starts_with("BULK UP ")) {
        command.direction = BulkDirection::up;
        line.remove_prefix(8);
    } else {
        return std::nullopt;
    }
    if (line.empty()) return std::nullopt;
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), command.bytes);
    if (ec != std::errc() || end != line.data() + line.size() || command.bytes > kMaxBulkBytes)
        return std::nullopt;
    return command;
}

void fill_bulk_pattern(unsigned char* out, std::size_t size, std::uint64_t offset) {
    for (std::size_t i = 0; i < size; ++i) out[i] = bulk_pattern_byte(offset + i);
}

std::optional<std::size_t> bulk_pattern_mismatch(const unsigned char* data, std::size_t size,
                                                 std::uint64_t offset) {
    for (std::size_t i = 0; i < size; ++i)
        if (data[i] != bulk_pattern_byte(offset + i)) return i;
    return std::nullopt;
}

}  // namespace shoal::tools
