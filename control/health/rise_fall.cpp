// SPDX-License-Identifier: MIT
#include "health/rise_fall.h"

namespace shoal::health {

RiseFall::RiseFall(unsigned rise, unsigned fall) : rise_(rise), fall_(fall) {}

std::optional<HealthState> RiseFall::record(bool healthy) {
    if (healthy) {
        ++successes_;
        failures_ = 0;
        if (state_ != HealthState::up && successes_ >= rise_) {
            state_ = HealthState::up;
            return state_;
        }
    } else {
        ++failures_;
        successes_ = 0;
        if (state_ != HealthState::down && failures_ >= fall_) {
            state_ = HealthState::down;
            return state_;
        }
    }
    return std::nullopt;
}

void RiseFall::set_thresholds(unsigned rise, unsigned fall) {
    rise_ = rise;
    fall_ = fall;
}

}  // namespace shoal::health
