// SPDX-License-Identifier: MIT
// The load controller's knobs (docs/config.md, conductor.load_controller).
#pragma once

#include <chrono>

namespace shoal::load {

struct ControllerSettings {
    bool enabled = false;                       // off unless the config asks for it
    std::chrono::milliseconds interval{10000};  // one round per interval
    double dead_band = 0.02;                    // |u / mean - 1| within this: no change (noise)
    double damping = 0.5;                       // a round corrects by (mean / u) ^ damping
    double max_step = 0.2;      // and by at most this fraction of the weight, up or down
    double floor = 0.1;         // a computed weight stays >= floor x the config weight
    double move_budget = 0.01;  // at most this fraction of a table's buckets moves per round
    std::chrono::milliseconds stale_after{30000};  // an older report is held, not used

    bool operator==(const ControllerSettings&) const = default;
};

}  // namespace shoal::load
