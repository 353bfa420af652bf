// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "dice.h"

namespace shoal::test {

// Breaks a valid frame in the ways the parser must survive: flipped header bytes, truncation at
// any length (down to the 14 bytes BPF_PROG_TEST_RUN accepts), wrong IP/UDP lengths, wrong IP
// version or IHL, damaged GUE headers, and bytes appended past the packet. Returns what it did.
class FrameMutator {
  public:
    std::string mutate(Bytes& frame, Dice& dice) const;

  private:
    std::string flip_bytes(Bytes& frame, Dice& dice) const;
    std::string truncate(Bytes& frame, Dice& dice) const;
    std::string break_length(Bytes& frame, Dice& dice) const;
    std::string break_version(Bytes& frame, Dice& dice) const;
    std::string break_gue(Bytes& frame, Dice& dice) const;
    std::string append(Bytes& frame, Dice& dice) const;
};

}  // namespace shoal::test
