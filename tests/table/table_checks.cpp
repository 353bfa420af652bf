// SPDX-License-Identifier: MIT
#include "table_checks.h"

#include <fmt/format.h>

#include <algorithm>

namespace shoal::table::test {

namespace {

using u128 = unsigned __int128;

// Per server index counters; out-of-range indexes (removed servers, kNoServer) read 0.
class PerIndex {
  public:
    std::uint64_t operator[](ServerIndex i) const { return i < v_.size() ? v_[i] : 0; }
    std::uint64_t& at(ServerIndex i) {
        if (i >= v_.size()) v_.resize(std::size_t(i) + 1, 0);
        return v_[i];
    }

  private:
    std::vector<std::uint64_t> v_;
};

struct Expected {
    std::vector<const Server*> servers;  // by index
    PerIndex before, after, target;
    std::uint64_t orphaned = 0;  // previous first hops naming no input server
    std::vector<ServerIndex> indexes;

    const Server* server(ServerIndex i) const { return i < servers.size() ? servers[i] : nullptr; }
};

bool live(const Expected& e, ServerIndex index) {
    const Server* s = e.server(index);
    return s && s->state != ServerState::down;
}

// Rule 1, recomputed: floor shares plus one for the largest remainders.
void check_targets(const BuildInput& in, const BuildReport& report, Expected& e,
                   std::vector<std::string>& bad) {
    u128 total_weight = 0;
    for (const Server& s : in.servers)
        if (s.state == ServerState::active) total_weight += s.weight;
    std::uint64_t sum = 0;
    u128 min_up_rest = ~u128(0), max_down_rest = 0;
    for (const ServerOutcome& o : report.servers) {
        sum += o.target;
        e.target.at(o.index) = o.target;
        const Server& s = *e.server(o.index);
        const u128 w = s.state == ServerState::active ? s.weight : 0;
        const u128 scaled = u128(in.buckets) * w;
        const u128 floor = scaled / total_weight, rest = scaled % total_weight;
        if (o.target != floor && !(o.target == floor + 1 && rest != 0))
            bad.push_back(fmt::format("server {}: target {} is not floor or ceil of its share {}",
                                      o.index, o.target, o.exact_share));
        if (rest != 0 && o.target == floor + 1) min_up_rest = std::min(min_up_rest, rest);
        if (rest != 0 && o.target == floor) max_down_rest = std::max(max_down_rest, rest);
    }
    if (sum != in.buckets) bad.push_back(fmt::format("targets sum to {}, not {}", sum, in.buckets));
    if (min_up_rest < max_down_rest)
        bad.push_back("a smaller remainder was rounded up while a larger one was rounded down");
}

void check_counts(const BuildInput& in, const BuildResult& r, Expected& e,
                  std::vector<std::string>& bad) {
    if (r.table.size() != in.buckets)
        bad.push_back(fmt::format("table has {} buckets, not {}", r.table.size(), in.buckets));
    for (const Bucket& b : r.table)
        if (b.first_hop <= kMaxServerIndex) ++e.after.at(b.first_hop);  // others fail the hop check
    if (in.previous)
        for (const Bucket& b : *in.previous) {
            if (!e.server(b.first_hop))
                ++e.orphaned;
            else
                ++e.before.at(b.first_hop);
        }
    for (const ServerOutcome& o : r.report.servers) {
        if (o.after != e.after[o.index] || o.before != e.before[o.index])
            bad.push_back(fmt::format("server {}: report says {} -> {}, table says {} -> {}",
                                      o.index, o.before, o.after, e.before[o.index],
                                      e.after[o.index]));
        if (std::abs(double(o.after) - o.exact_share - o.share_error()) > 1e-9)
            bad.push_back(fmt::format("server {}: inconsistent share error", o.index));
    }
    if (r.report.servers.size() != in.servers.size())
        bad.push_back(fmt::format("report lists {} servers, input has {}", r.report.servers.size(),
                                  in.servers.size()));
    std::uint64_t removed = r.report.unowned_before;
    for (const RemovedServer& gone : r.report.removed) removed += gone.before;
    if (in.previous && removed != e.orphaned)
        bad.push_back(fmt::format("report lists {} buckets of removed servers, table has {}",
                                  removed, e.orphaned));
    std::uint64_t optimum = e.orphaned;
    for (ServerIndex i : e.indexes)
        optimum += e.before[i] > e.target[i] ? e.before[i] - e.target[i] : 0;
    if (!in.previous) optimum = in.buckets;
    if (r.report.optimal_moved != optimum)
        bad.push_back(
            fmt::format("report optimum {} != recomputed {}", r.report.optimal_moved, optimum));
}

// The guard's hold on bucket i of the previous table: within the chain window, or while its
// second hop reports connections in it, up to chain_hold_max.
bool held_by_guard(const BuildInput& in, std::size_t i, const Bucket& b) {
    if (b.changed > in.now - in.options.chain_window) return true;
    const bool busy = i < in.second_hop_busy.size() && in.second_hop_busy[i] != 0;
    return busy && b.changed > in.now - in.options.chain_hold_max;
}

// Rules 2-4 on each bucket of a rebuild.
void check_buckets(const BuildInput& in, const BuildResult& r, const Expected& e,
                   std::vector<std::string>& bad) {
    const Table& prev = *in.previous;
    std::uint64_t moved = 0, ordinary = 0;
    for (std::size_t i = 0; i < r.table.size() && bad.size() < 50; ++i) {
        const Bucket &o = prev[i], &n = r.table[i];
        const bool old_second_live = live(e, o.second_hop) && o.second_hop != o.first_hop;
        if (!live(e, n.first_hop))
            bad.push_back(
                fmt::format("bucket {}: first hop {} is not a live server", i, n.first_hop));
        if (n.second_hop != kNoServer && (!live(e, n.second_hop) || n.second_hop == n.first_hop))
            bad.push_back(fmt::format("bucket {}: second hop {} is down, removed or the first hop",
                                      i, n.second_hop));
        if (n.first_hop == o.first_hop) {
            const ServerIndex second = old_second_live ? o.second_hop : kNoServer;
            if (n.second_hop != second || n.changed != o.changed)
                bad.push_back(
                    fmt::format("bucket {}: unmoved but second hop {} -> {} or time changed", i,
                                o.second_hop, n.second_hop));
            continue;
        }
        ++moved;
        if (n.changed != in.now) bad.push_back(fmt::format("bucket {}: moved, time not now", i));
        const bool forced = !live(e, o.first_hop);
        if (!forced) {
            ++ordinary;
            if (e.before[o.first_hop] <= e.target[o.first_hop])
                bad.push_back(fmt::format("bucket {}: moved off {}, which was not over target", i,
                                          o.first_hop));
            if (n.second_hop != o.first_hop)
                bad.push_back(fmt::format("bucket {}: second hop {} is not the old first hop {}", i,
                                          n.second_hop, o.first_hop));
            if (held_by_guard(in, i, o) && old_second_live && n.first_hop != o.second_hop)
                bad.push_back(fmt::format("bucket {}: churn guard violated ({} -> {}, second {})",
                                          i, o.first_hop, n.first_hop, o.second_hop));
        } else {
            const ServerIndex kept =
                old_second_live && o.second_hop != n.first_hop ? o.second_hop : kNoServer;
            if (n.second_hop != kept)
                bad.push_back(fmt::format("bucket {}: left dead {}, second hop {} should be {}", i,
                                          o.first_hop, n.second_hop, kept));
        }
        if (e.before[n.first_hop] >= e.target[n.first_hop])
            bad.push_back(
                fmt::format("bucket {}: moved to {}, which was not under target", i, n.first_hop));
    }
    if (moved != r.report.moved)
        bad.push_back(
            fmt::format("report moved {} != {} changed first hops", r.report.moved, moved));
    if (in.options.max_moves && ordinary > *in.options.max_moves)
        bad.push_back(
            fmt::format("{} ordinary moves exceed the cap {}", ordinary, *in.options.max_moves));
}

// Without a binding cap, whatever stays over target must be held by the guard only: every
// remaining bucket guarded, and not swappable to a server still under target.
void check_held_only_by_guard(const BuildInput& in, const BuildResult& r, const Expected& e,
                              std::vector<std::string>& bad) {
    std::uint64_t surplus = 0;
    for (ServerIndex i : e.indexes)
        if (live(e, i) && e.before[i] > e.target[i]) surplus += e.before[i] - e.target[i];
    if (in.options.max_moves && *in.options.max_moves < surplus) return;
    for (std::size_t i = 0; i < r.table.size(); ++i) {
        const Bucket& b = r.table[i];
        const std::uint64_t after = e.after[b.first_hop], target = e.target[b.first_hop];
        if (after <= target) continue;
        const bool second_live = live(e, b.second_hop);
        if (!(held_by_guard(in, i, b) && second_live)) {
            bad.push_back(fmt::format("server {} over target ({} > {}) keeps an unguarded bucket",
                                      b.first_hop, after, target));
            return;
        }
        if (e.after[b.second_hop] < e.target[b.second_hop]) {
            bad.push_back(
                fmt::format("server {} over target keeps a bucket that could swap back to "
                            "{}, which is under target",
                            b.first_hop, b.second_hop));
            return;
        }
    }
    if (in.options.chain_window.count() == 0 &&
        (r.report.moved != r.report.optimal_moved || !r.report.converged()))
        bad.push_back(fmt::format("unconstrained build moved {} (optimum {}), converged {}",
                                  r.report.moved, r.report.optimal_moved, r.report.converged()));
}

}  // namespace

std::vector<std::string> check_build(const BuildInput& in, const BuildResult& r) {
    std::vector<std::string> bad;
    Expected e;
    for (const Server& s : in.servers) {
        if (s.index >= e.servers.size()) e.servers.resize(std::size_t(s.index) + 1, nullptr);
        e.servers[s.index] = &s;
        e.indexes.push_back(s.index);
    }
    check_targets(in, r.report, e, bad);
    check_counts(in, r, e, bad);
    if (r.report.max_share_error >= 1.0 && r.report.converged())
        bad.push_back(fmt::format("converged with share error {}", r.report.max_share_error));
    if (!in.previous) {
        if (!r.report.converged()) bad.push_back("first table is not at its targets");
        return bad;
    }
    check_buckets(in, r, e, bad);
    if (bad.empty()) check_held_only_by_guard(in, r, e, bad);
    const std::uint64_t ordinary = r.report.moved - r.report.forced_moved;
    if (r.report.moved + r.report.held_by_guard + r.report.held_by_cap != r.report.optimal_moved)
        bad.push_back(fmt::format("moved {} + held {}+{} != optimum {} (ordinary {})",
                                  r.report.moved, r.report.held_by_guard, r.report.held_by_cap,
                                  r.report.optimal_moved, ordinary));
    return bad;
}

std::string summarize(const std::vector<std::string>& violations, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < violations.size() && i < limit; ++i) out += violations[i] + "\n";
    if (violations.size() > limit)
        out += fmt::format("... and {} more\n", violations.size() - limit);
    return out;
}

}  // namespace shoal::table::test
