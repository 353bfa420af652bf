// SPDX-License-Identifier: MIT
// The client addresses connections are bound to: "198.18.201.10-198.18.201.41" or one
// address; IPv6 ranges may differ only in the last 64 bits. Connection i uses address
// i mod size, so many connections spread over many 4-tuples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/asio.h"

namespace shoal::tools {

class SourceRange {
  public:
    // Throws std::invalid_argument naming the text and the problem.
    static SourceRange parse(std::string_view text);

    std::uint64_t size() const { return size_; }
    bool is_v6() const { return first_.is_v6(); }
    asio::ip::address at(std::uint64_t index) const;  // index taken mod size()
    std::string to_string() const;

  private:
    SourceRange(asio::ip::address first, std::uint64_t size) : first_(first), size_(size) {}

    asio::ip::address first_;
    std::uint64_t size_ = 1;
};

}  // namespace shoal::tools
