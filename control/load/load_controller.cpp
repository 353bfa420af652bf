// SPDX-License-Identifier: MIT
#include "load/load_controller.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "base/enum_names.h"
#include "load/move_budget.h"
#include "load/utilisation_check.h"

namespace shoal::load {

std::uint32_t builder_weight(double weight) {
    const double clamped = std::clamp(weight, 0.0, kMaxComputedWeight);
    return std::uint32_t(std::llround(clamped * kBuilderWeightScale));
}

std::string to_string(WeightSource source) {
    static constexpr EnumNames<WeightSource, 3> kNames{{{WeightSource::config, "config"},
                                                        {WeightSource::computed, "computed"},
                                                        {WeightSource::manual, "manual"}}};
    return std::string(name_of(kNames, source, "?"));
}

std::string to_string(HoldReason reason) {
    static constexpr EnumNames<HoldReason, 5> kNames{{{HoldReason::none, "none"},
                                                      {HoldReason::missing, "missing"},
                                                      {HoldReason::stale, "stale"},
                                                      {HoldReason::source_failed, "source_failed"},
                                                      {HoldReason::nonsensical, "nonsensical"}}};
    return std::string(name_of(kNames, reason, "?"));
}

std::pair<HoldReason, std::string> LoadController::why_held(const PoolMember& m,
                                                            table::TimePoint now) const {
    if (!m.report) return {HoldReason::missing, "no load report"};
    if (!m.report->error.empty())
        return {HoldReason::source_failed, "load source failed: " + m.report->error};
    const auto age = now - m.report->at;
    if (age > settings_.stale_after)
        return {HoldReason::stale,
                fmt::format("stale load report ({:.1f}s old, limit {:.1f}s)",
                            std::chrono::duration<double>(age).count(),
                            std::chrono::duration<double>(settings_.stale_after).count())};
    if (auto why = why_unusable(m.report->utilisation))
        return {HoldReason::nonsensical, "nonsensical load report: " + *why};
    return {HoldReason::none, {}};
}

double LoadController::correction(double u, double mean) const {
    if (std::fabs(u / mean - 1) <= settings_.dead_band) return 1;
    const double wanted = u > 0 ? std::pow(mean / u, settings_.damping) : 1 + settings_.max_step;
    return std::clamp(wanted, 1 - settings_.max_step, 1 + settings_.max_step);
}

PoolRound LoadController::round(const PoolInput& input) const {
    const auto members = input.members;
    const std::size_t n = members.size();
    PoolRound out;
    out.members.resize(n);
    std::vector<double> from(n), to(n);
    std::vector<bool> adjustable(n, false);

    double sum_u = 0;
    std::size_t usable = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const PoolMember& m = members[i];
        MemberOutcome& o = out.members[i];
        o.name = m.name;
        o.index = m.index;
        o.state = m.state;
        o.source = m.manual_weight ? WeightSource::manual : WeightSource::computed;
        from[i] = to[i] = m.manual_weight ? double(*m.manual_weight) : m.weight;
        if (m.state != table::ServerState::active) continue;  // out of the mean, weight kept
        std::tie(o.hold, o.held) = why_held(m, input.now);
        if (o.hold != HoldReason::none) continue;
        o.utilisation = m.report->utilisation;
        sum_u += *o.utilisation;
        ++usable;
        adjustable[i] = !m.manual_weight && m.config_weight > 0;
    }
    if (usable > 0) out.mean_utilisation = sum_u / double(usable);

    if (!input.table)
        out.note = "no table in force yet";
    else if (usable < 2)
        out.note = "fewer than two active servers with a usable load report";
    else if (*out.mean_utilisation <= 0)
        out.note = "the pool is idle (mean utilisation 0)";
    if (out.note.empty()) {
        double before = 0, after = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!adjustable[i]) continue;
            to[i] = from[i] * correction(*out.members[i].utilisation, *out.mean_utilisation);
            before += from[i];
            after += to[i];
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!adjustable[i]) continue;
            if (after > 0) to[i] *= before / after;  // the pool's other servers keep their share
            to[i] =
                std::clamp(to[i], settings_.floor * members[i].config_weight, kMaxComputedWeight);
        }
    }

    std::vector<table::Server> servers(n);
    for (std::size_t i = 0; i < n; ++i)
        servers[i] = {members[i].index, members[i].name, 0, members[i].state};
    const table::BuildInput base{.buckets = input.buckets,
                                 .servers = {},
                                 .previous = input.table,
                                 .now = input.now,
                                 .options = input.options,
                                 .second_hop_busy = input.second_hop_busy};
    out.move_budget = std::max<std::uint64_t>(
        1, std::uint64_t(std::floor(settings_.move_budget * double(input.buckets))));
    BudgetedBuild chosen = build_within_budget(servers, from, to, base, out.move_budget);
    out.step = chosen.step;
    out.moved = chosen.moved;
    if (input.table && chosen.step == 0 && chosen.moved > out.move_budget && out.note.empty())
        out.note =
            fmt::format("the table is still settling ({} buckets to move, budget {}): waiting",
                        chosen.moved, out.move_budget);
    out.build = std::move(chosen.build);

    for (std::size_t i = 0; i < n; ++i) {
        MemberOutcome& o = out.members[i];
        o.weight = from[i] + out.step * (to[i] - from[i]);
        for (const auto& s : out.build.report.servers)
            if (s.index == o.index) {
                o.buckets_before = s.before;
                o.buckets_after = s.after;
                o.target_share = double(s.target) / double(input.buckets);
            }
    }
    return out;
}

}  // namespace shoal::load
