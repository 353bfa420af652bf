// SPDX-License-Identifier: MIT
// The per-target verdict: unknown until `rise` consecutive successes (up) or `fall`
// consecutive failures (down); afterwards it changes only after such a streak again.
#pragma once

#include <optional>

#include "health/health_types.h"

namespace shoal::health {

class RiseFall {
  public:
    RiseFall(unsigned rise, unsigned fall);

    // Counts one probe result; returns the new state when this result changes it.
    std::optional<HealthState> record(bool healthy);
    // New thresholds apply to the running streaks (a reload keeps the counts).
    void set_thresholds(unsigned rise, unsigned fall);

    HealthState state() const noexcept { return state_; }
    unsigned consecutive_successes() const noexcept { return successes_; }
    unsigned consecutive_failures() const noexcept { return failures_; }

  private:
    unsigned rise_;
    unsigned fall_;
    HealthState state_ = HealthState::unknown;
    unsigned successes_ = 0;
    unsigned failures_ = 0;
};

}  // namespace shoal::health
