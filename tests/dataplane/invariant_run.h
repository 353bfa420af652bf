// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "frame_grammar.h"
#include "invariant_tally.h"

namespace shoal::test {

// One run of the safety invariants over generated and mutated frames, in the test world and
// its variants, for any implementation of the decision: the real program or the model.
// SHOAL_INVARIANT_SEED and SHOAL_INVARIANT_COUNT replay or resize it.
struct InvariantRun {
    struct Outcome {
        std::uint32_t action = 0;
        Bytes output;
    };
    // Makes this state the one decisions are taken in (a world variant, every few windows).
    std::function<void(const model::DataplaneState&)> apply;
    // What the implementation does with one frame, in the state applied last.
    std::function<Outcome(const GeneratedFrame&)> decide;
    // Called at the start of every window of frames (e.g. to refresh SYN cookies); may be empty.
    std::function<void(Dice&)> each_window;

    // Runs the frames and prints what it did, under `who`. `state` must be the state apply()
    // sets (the checker reads it).
    InvariantTally run(const std::string& who, const cases::World& world,
                       const IssuedCookieSockets& cookies,
                       const model::DataplaneState& state) const;
};

// Properties no frame of the run exercised (a property met by emptiness proves nothing).
std::vector<std::string> unexercised(const InvariantTally& tally);

}  // namespace shoal::test
