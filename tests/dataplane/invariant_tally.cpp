// SPDX-License-Identifier: MIT
#include "invariant_tally.h"

#include <iomanip>
#include <sstream>

#include "packet/dump.h"

namespace shoal::test {

void InvariantTally::add(const FrameVerdict& verdict, const std::string& recipe,
                         const std::string& mutation, view::Frame input, view::Frame output) {
    ++frames_;
    for (const std::string& p : verdict.applied) ++applied_[p];
    for (const auto& [p, why] : verdict.broken) {
        ++broken_[p];
        if (example_.contains(p)) continue;
        example_[p] = why + "\n  recipe: " + recipe +
                      "\n  mutation: " + (mutation.empty() ? "none" : mutation) + "\n  input:\n" +
                      describe_frame(input) + "\n  output:\n" + describe_frame(output) + "\n";
    }
}

std::string InvariantTally::report() const {
    std::ostringstream out;
    out << "invariants over " << frames_ << " frames (property: frames it applied to, broken):\n";
    for (const auto& [p, n] : applied_) {
        const auto b = broken_.find(p);
        out << "  " << std::left << std::setw(38) << p << std::right << std::setw(9) << n
            << std::setw(9) << (b == broken_.end() ? 0 : b->second) << "\n";
    }
    for (const auto& [p, example] : example_) out << "FIRST BREAK of " << p << ": " << example;
    return out.str();
}

}  // namespace shoal::test
