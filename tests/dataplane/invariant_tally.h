// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "invariant_checker.h"

namespace shoal::test {

// Counts, over a run of frames, how often each invariant property applied and broke, and keeps
// the first frame that broke each one, for the report.
class InvariantTally {
  public:
    void add(const FrameVerdict& verdict, const std::string& recipe, const std::string& mutation,
             view::Frame input, view::Frame output);

    std::size_t frames() const noexcept { return frames_; }
    bool clean() const noexcept { return broken_.empty(); }
    const std::map<std::string, std::size_t>& applied() const noexcept { return applied_; }
    const std::map<std::string, std::size_t>& broken() const noexcept { return broken_; }
    // One line per property (applied, broken), then the first example of each broken one.
    std::string report() const;

  private:
    std::size_t frames_ = 0;
    std::map<std::string, std::size_t> applied_;
    std::map<std::string, std::size_t> broken_;
    std::map<std::string, std::string> example_;
};

}  // namespace shoal::test
