// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace shoal::model {

// A read position in a frame with an end it may not pass (the frame's end, or the end of the
// IP packet): every header is checked to be present before it is read, as the verifier
// demands of the BPF program.
class Cursor {
  public:
    Cursor(std::span<const std::uint8_t> frame, std::size_t pos, std::size_t end)
        : frame_(frame), pos_(pos), end_(end <= frame.size() ? end : frame.size()) {}

    bool has(std::size_t n) const noexcept { return pos_ <= end_ && n <= end_ - pos_; }
    std::size_t pos() const noexcept { return pos_; }
    std::size_t end() const noexcept { return end_; }

    // The next n bytes; only after has(n).
    std::span<const std::uint8_t> peek(std::size_t n) const { return frame_.subspan(pos_, n); }
    std::span<const std::uint8_t> take(std::size_t n) {
        auto bytes = peek(n);
        pos_ += n;
        return bytes;
    }

  private:
    std::span<const std::uint8_t> frame_;
    std::size_t pos_;
    std::size_t end_;
};

}  // namespace shoal::model
