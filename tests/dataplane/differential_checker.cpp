// SPDX-License-Identifier: MIT
#include "differential_checker.h"

#include <linux/bpf.h>

#include <algorithm>
#include <sstream>

#include "packet/dump.h"

namespace shoal::test {
namespace {

std::uint32_t egress_by_mac(const Bytes& frame) {
    if (frame.size() < 12) return 0;
    const Mac* macs[] = {&cases::kIngressMac, &cases::kOtherMac};
    const std::uint32_t ifindexes[] = {cases::kIngressIfindex, cases::kOtherIfindex};
    for (int i = 0; i < 2; ++i)
        if (std::equal(macs[i]->bytes.begin(), macs[i]->bytes.end(), frame.begin() + 6))
            return ifindexes[i];
    return 0;
}

std::optional<std::string> disagreement(const Trial& t) {
    const model::Decision& d = t.model;
    const XdpRun& r = t.program;
    if (r.action != d.action)
        return "action: model " + model::action_name(d.action) + ", program " +
               model::action_name(r.action);
    if (d.action == XDP_REDIRECT && egress_by_mac(r.output) != d.redirect_ifindex)
        return "redirect: model to ifindex " + std::to_string(d.redirect_ifindex) +
               ", program out of the interface with MAC of ifindex " +
               std::to_string(egress_by_mac(r.output));
    if (d.action != XDP_DROP && r.output != d.frame) return "output bytes differ";
    return std::nullopt;
}

StatsDelta predicted(const model::Decision& d) {
    StatsDelta delta;
    std::vector<ServerChange> servers;
    if (d.srv_target) servers.push_back({*d.srv_target, 1, d.srv_bytes});
    add_expected(delta, d.stats_row, d.verdict, d.decap_counted, d.stats_bytes, servers);
    if (d.auth_event) add_event(delta, SHOAL_STATS_ROW_NONE, *d.auth_event, d.stats_bytes);
    return delta;
}

}  // namespace

std::optional<std::string> DifferentialChecker::check(Trial& t,
                                                      const model::DataplaneState& state) {
    if (!window_start_) window_start_ = rig_.stats();
    const GeneratedFrame& g = t.generated;
    t.model = model::decide(g.frame, g.ingress_ifindex, state, rig_.world().fib, sockets_);
    t.program = rig_.run(g.frame, g.ingress_ifindex);
    if (const auto why = disagreement(t)) {
        const StatsSnapshot before = rig_.stats();  // the program's counters too
        rig_.run(g.frame, g.ingress_ifindex);
        return diagnosis(t, *why) + "--- counters: model " + predicted(t.model).describe() +
               ", program " + stats_delta(before, rig_.stats()).describe();
    }
    expected_.add(predicted(t.model));
    window_.push_back(t);
    return std::nullopt;
}

std::optional<std::string> DifferentialChecker::end_window() {
    if (!window_start_) return std::nullopt;
    const StatsDelta moved = stats_delta(*window_start_, rig_.stats());
    const StatsDelta expected = std::move(expected_);
    const std::vector<Trial> window = std::move(window_);
    window_start_.reset();
    expected_ = {};
    window_.clear();
    if (moved == expected) return std::nullopt;
    for (const Trial& t : window) {  // replay: which frame counted wrong?
        const StatsSnapshot before = rig_.stats();
        rig_.run(t.generated.frame, t.generated.ingress_ifindex);
        const StatsDelta one = stats_delta(before, rig_.stats());
        if (one != predicted(t.model))
            return diagnosis(t, "counters: model " + predicted(t.model).describe() + ", program " +
                                    one.describe());
    }
    return "counters moved " + moved.describe() + " but the model predicted " +
           expected.describe() +
           ", and no single frame reproduces it (SHOAL_DIFF_SEED=" + std::to_string(seed_) + ")";
}

std::string DifferentialChecker::diagnosis(const Trial& t, const std::string& why) const {
    std::ostringstream out;
    out << "MISMATCH at frame " << t.index << " (SHOAL_DIFF_SEED=" << seed_ << "): " << why
        << "\nrecipe: " << t.generated.recipe
        << "\nmutation: " << (t.mutation.empty() ? "none" : t.mutation) << "\ningress ifindex "
        << t.generated.ingress_ifindex << "\n--- input (" << t.generated.frame.size() << " bytes)\n"
        << describe_frame(t.generated.frame) << "\n"
        << hexdump(t.generated.frame) << "--- model: " << model::describe(t.model) << "\n"
        << describe_frame(t.model.frame) << "\n"
        << hexdump(t.model.frame) << "--- program: " << model::action_name(t.program.action) << ", "
        << t.program.output.size() << " bytes out\n"
        << describe_frame(t.program.output) << "\n"
        << hexdump(t.program.output);
    if (t.model.action != XDP_DROP && t.program.action != XDP_DROP)
        out << "--- difference\n" << explain_difference(t.model.frame, t.program.output);
    return out.str();
}

}  // namespace shoal::test
