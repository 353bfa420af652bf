// SPDX-License-Identifier: MIT
// Weighted Maglev (Eisenbud et al., NSDI 2016), only as the benchmark's point of comparison.
//
// Each backend's preference list is the permutation (offset + j * skip) mod M, offset and
// skip from two hashes of its name, M prime. Filling goes in rounds over the backends; a
// backend takes a turn (its next still-free preferred entry) whenever its accumulated
// weight credit reaches the largest weight, so turns are proportional to weight (the
// scheme of Katran's MaglevHashV2). With equal weights this is classic Maglev.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace shoal::bench {

struct MaglevBackend {
    std::uint32_t id = 0;  // what the table entries hold
    std::string name;      // hashed for offset and skip
    std::uint32_t weight = 0;
};

// The smallest prime >= n.
std::uint32_t next_prime(std::uint32_t n);

// `size` must be prime and at least one backend must have a weight above 0.
// Throws std::invalid_argument otherwise.
std::vector<std::uint32_t> build_maglev(std::span<const MaglevBackend> backends,
                                        std::uint32_t size);

}  // namespace shoal::bench
