// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "packet/packet_layers.h"

namespace shoal::test {

// The differential test's randomness: one seeded engine, so a seed replays a run.
class Dice {
  public:
    explicit Dice(std::uint64_t seed) : engine_(seed) {}

    bool chance(double p) { return std::bernoulli_distribution(p)(engine_); }
    // Uniform in [lo, hi].
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) {
        return std::uniform_int_distribution<std::uint64_t>(lo, hi)(engine_);
    }
    std::uint8_t byte() { return static_cast<std::uint8_t>(between(0, 255)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(between(0, 0xFFFF)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(between(0, 0xFFFFFFFF)); }
    Bytes bytes(std::size_t n) {
        Bytes b(n);
        for (auto& x : b) x = byte();
        return b;
    }
    template <class T>
    const T& pick(const std::vector<T>& options) {
        if (options.empty()) throw std::logic_error("Dice::pick from nothing");
        return options[between(0, options.size() - 1)];
    }
    // An index drawn with the given relative weights.
    std::size_t weighted(const std::vector<double>& weights) {
        return std::discrete_distribution<std::size_t>(weights.begin(), weights.end())(engine_);
    }

  private:
    std::mt19937_64 engine_;
};

}  // namespace shoal::test
