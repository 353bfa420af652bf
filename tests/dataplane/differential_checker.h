// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frame_grammar.h"
#include "model/decide.h"
#include "xdp_rig/xdp_rig.h"

namespace shoal::test {

// One frame as both sides decided it.
struct Trial {
    std::size_t index = 0;
    GeneratedFrame generated;
    std::string mutation;
    model::Decision model;
    XdpRun program;
};

// Feeds frames to the real program (in the rig) and to the model, and compares everything
// observable: action, output bytes, the redirect interface (told by the output's source MAC,
// the FIB's smac: BPF_PROG_TEST_RUN does not report bpf_redirect()'s target) and, per window of
// frames, the counters, replaying the window frame by frame to name the one that counted wrong.
// Every failure comes back as a full diagnosis: both decisions, both outputs, hexdumps.
class DifferentialChecker {
  public:
    DifferentialChecker(XdpRig& rig, const model::SocketOracle& sockets, std::uint64_t seed)
        : rig_(rig), sockets_(sockets), seed_(seed) {}

    // Decides t.generated both ways against state (which the rig's maps must hold).
    std::optional<std::string> check(Trial& t, const model::DataplaneState& state);
    // Compares the counters moved since the window began with the model's predictions.
    std::optional<std::string> end_window();

    std::string diagnosis(const Trial& t, const std::string& why) const;

  private:
    XdpRig& rig_;
    const model::SocketOracle& sockets_;
    std::uint64_t seed_;
    std::optional<StatsSnapshot> window_start_;
    std::vector<Trial> window_;
    StatsDelta expected_;
};

}  // namespace shoal::test
