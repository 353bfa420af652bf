// SPDX-License-Identifier: MIT
// When a target's next probe starts: interval plus random jitter, so probes of many servers
// spread out instead of arriving together. The random sequence depends only on the seed and
// the target id, so a run is reproducible.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

#include "health/health_types.h"

namespace shoal::health {

class ProbeSchedule {
  public:
    ProbeSchedule(std::uint64_t seed, const TargetId& id);

    // Before the first probe: uniform 0..jitter.
    std::chrono::milliseconds first_delay(std::chrono::milliseconds jitter);
    // Between the starts of two probes: interval + uniform 0..jitter.
    std::chrono::milliseconds next_gap(std::chrono::milliseconds interval,
                                       std::chrono::milliseconds jitter);

  private:
    std::chrono::milliseconds draw(std::chrono::milliseconds jitter);

    std::mt19937_64 rng_;
};

}  // namespace shoal::health
