// SPDX-License-Identifier: MIT
#include "table/table_rebuild.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "table/apportion.h"
#include "table/interleave.h"

namespace shoal::table {

namespace {

enum SlotFlag : std::uint8_t {
    kLive = 1,     // active or draining: a valid second hop
    kForced = 2,   // down or unknown: every bucket moves, whatever the guard and the cap
    kSurplus = 4,  // live and over target
    kDeficit = 8,  // under target
};

// Where a server's picks fall among its candidates; fixed per server so builds repeat.
std::uint64_t picker_phase(ServerIndex index, std::uint64_t salt) {
    std::uint64_t z = (std::uint64_t(index) << 8 | salt) + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace

TableRebuild::TableRebuild(const ServerSlots& slots, const Table& previous, TimePoint now,
                           const BuildOptions& options,
                           std::span<const std::uint8_t> second_hop_busy)
    : slots_(slots),
      previous_(previous),
      now_(now),
      guard_since_(now - options.chain_window),
      hold_since_(now - options.chain_hold_max),
      second_hop_busy_(second_hop_busy),
      options_(options) {
    const std::size_t count = std::size_t(slots.size()) + 1;
    before_.assign(count, 0);
    for (const Bucket& b : previous) ++before_[slots.slot_of(b.first_hop)];
    flags_.assign(count, 0);
    surplus_.assign(count, 0);
    deficit_.assign(count, 0);
    forced_home_candidates_.assign(count, 0);
    swap_in_candidates_.assign(count, 0);
    swap_out_candidates_.assign(count, 0);
    unguarded_.assign(count, 0);
    unguarded_left_.assign(count, 0);
    quota_left_.assign(count, 0);
    forced_home_picker_.resize(count);
    swap_picker_.resize(count);
    ordinary_picker_.resize(count);
    moved_in_.assign(count, 0);
    moved_out_.assign(count, 0);
}

bool TableRebuild::guarded(std::size_t i, const Bucket& b, std::uint32_t second) const {
    // Moving it would overwrite a second hop that may still hold connections: for the chain
    // window in any case, and up to chain_hold_max while the second hop says it does.
    if (!(flags_[second] & kLive)) return false;
    if (b.changed > guard_since_) return true;
    return i < second_hop_busy_.size() && second_hop_busy_[i] != 0 && b.changed > hold_since_;
}

void TableRebuild::move(Bucket& b, std::uint32_t from, std::uint32_t to, ServerIndex new_second) {
    b.first_hop = slots_.index(to);
    b.second_hop = new_second;
    b.changed = now_;
    ++moved_out_[from];
    ++moved_in_[to];
}

Table TableRebuild::run(std::span<const std::uint32_t> target, BuildReport& report) {
    classify(target);
    count_candidates();
    set_quotas(report);
    Table out;
    out.reserve(previous_.size());
    // The copy of the previous table rides on the first pass that writes.
    const bool any_home_or_swap =
        std::any_of(forced_home_candidates_.begin(), forced_home_candidates_.end(),
                    [](std::uint32_t n) { return n != 0; }) ||
        std::any_of(swap_in_candidates_.begin(), swap_in_candidates_.end(),
                    [](std::uint32_t n) { return n != 0; });
    if (any_home_or_swap) {
        report.swap_moved = move_forced_and_swaps(out);
        report.swap_moved += pay_owed_swaps(out);
        move_the_rest(out, out);
    } else {
        unguarded_left_ = unguarded_;
        move_the_rest(previous_, out);
    }

    report.moved = std::accumulate(moved_in_.begin(), moved_in_.end(), std::uint64_t(0));
    report.forced_moved = forced_total_;
    const std::uint64_t surplus =
        std::accumulate(surplus_.begin(), surplus_.end(), std::uint64_t(0));
    report.optimal_moved = surplus + forced_total_;
    const std::uint64_t ordinary_moved = report.moved - forced_total_;
    report.held_by_guard = surplus - ordinary_moved - report.held_by_cap;
    return out;
}

void TableRebuild::classify(std::span<const std::uint32_t> target) {
    for (std::uint32_t s = 0; s < slots_.size(); ++s) {
        if (slots_.server(s).state == ServerState::down) {
            flags_[s] = kForced;
            continue;
        }
        flags_[s] = kLive;
        if (before_[s] > target[s]) {
            flags_[s] |= kSurplus;
            surplus_[s] = before_[s] - target[s];
        } else if (before_[s] < target[s]) {
            flags_[s] |= kDeficit;
            deficit_[s] = target[s] - before_[s];
        }
    }
    flags_[slots_.unknown_slot()] = kForced;
}

void TableRebuild::count_candidates() {
    for (std::size_t i = 0; i < previous_.size(); ++i) {
        const Bucket& b = previous_[i];
        const std::uint32_t first = slots_.slot_of(b.first_hop);
        const std::uint32_t second = second_slot(b, first);
        if (flags_[first] & kForced) {
            ++forced_total_;
            if (flags_[second] & kDeficit) ++forced_home_candidates_[second];
        } else if (flags_[first] & kSurplus) {
            if (flags_[second] & kDeficit) {
                ++swap_in_candidates_[second];
                ++swap_out_candidates_[first];
            } else if (!guarded(i, b, second)) {
                ++unguarded_[first];
            }
        }
    }
}

void TableRebuild::set_quotas(BuildReport& report) {
    const std::uint32_t n = slots_.size();
    std::vector<std::uint64_t> movable(n, 0);
    for (std::uint32_t s = 0; s < n; ++s)
        movable[s] = std::min<std::uint64_t>(
            surplus_[s], swap_out_candidates_[s] + std::uint64_t(unguarded_[s]));
    const std::uint64_t total = std::accumulate(movable.begin(), movable.end(), std::uint64_t(0));
    if (options_.max_moves && *options_.max_moves < total) {
        report.held_by_cap = total - *options_.max_moves;
        movable = apportion(*options_.max_moves, movable);
    }
    std::copy(movable.begin(), movable.end(), quota_left_.begin());

    for (std::uint32_t s = 0; s < n; ++s) {
        if (!(flags_[s] & kDeficit)) continue;
        const ServerIndex index = slots_.index(s);
        const std::uint64_t home = std::min(deficit_[s], forced_home_candidates_[s]);
        forced_home_picker_[s] =
            SpreadPicker(home, forced_home_candidates_[s], picker_phase(index, 1));
        const std::uint64_t swaps =
            std::min<std::uint64_t>(deficit_[s] - home, swap_in_candidates_[s]);
        swap_picker_[s] = SpreadPicker(swaps, swap_in_candidates_[s], picker_phase(index, 2));
    }
}

std::uint64_t TableRebuild::move_forced_and_swaps(Table& out) {
    std::uint64_t swaps = 0;
    for (std::size_t i = 0; i < previous_.size(); ++i) {
        Bucket b = previous_[i];
        const std::uint32_t first = slots_.slot_of(b.first_hop);
        const std::uint32_t second = second_slot(b, first);
        if (flags_[first] & kForced) {
            // Back to the previous owner, whose connections are the only ones left.
            if ((flags_[second] & kDeficit) && forced_home_picker_[second].offer(true)) {
                move(b, first, second, kNoServer);
                ++forced_home_moved_;
            }
        } else if (flags_[first] & kSurplus) {
            if ((flags_[second] & kDeficit) && swap_picker_[second].offer(quota_left_[first] > 0)) {
                --quota_left_[first];
                move(b, first, second, b.first_hop);
                ++swaps;
            } else if (!guarded(i, b, second)) {
                ++unguarded_left_[first];
            }
        }
        out.push_back(b);
    }
    return swaps;
}

std::uint64_t TableRebuild::pay_owed_swaps(Table& out) {
    // A pick refused near the end of a server's candidates (their owner had used its quota)
    // was never paid back; any candidate whose owner still has quota will do.
    std::vector<std::uint64_t> owed(flags_.size(), 0);
    bool any = false;
    for (std::size_t s = 0; s < owed.size(); ++s) {
        owed[s] = swap_picker_[s].wanted() - swap_picker_[s].taken();
        any = any || owed[s] != 0;
    }
    if (!any) return 0;
    std::uint64_t swaps = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        Bucket& b = out[i];
        const std::uint32_t first = slots_.slot_of(b.first_hop);
        const std::uint32_t second = second_slot(b, first);
        if (!(flags_[first] & kSurplus) || !(flags_[second] & kDeficit) || owed[second] == 0 ||
            quota_left_[first] == 0)
            continue;
        if (!guarded(i, b, second)) --unguarded_left_[first];  // counted as an ordinary candidate
        --owed[second];
        --quota_left_[first];
        move(b, first, second, b.first_hop);
        ++swaps;
    }
    return swaps;
}

void TableRebuild::move_the_rest(const Table& in, Table& out) {
    const std::uint32_t n = slots_.size();
    std::uint64_t freed = forced_total_ - forced_home_moved_;
    for (std::uint32_t s = 0; s < n; ++s) {
        if (!(flags_[s] & kSurplus)) continue;
        const std::uint64_t picks = std::min<std::uint64_t>(quota_left_[s], unguarded_left_[s]);
        ordinary_picker_[s] =
            SpreadPicker(picks, unguarded_left_[s], picker_phase(slots_.index(s), 3));
        freed += picks;
    }
    std::vector<std::uint64_t> room(n, 0);
    for (std::uint32_t s = 0; s < n; ++s) room[s] = deficit_[s] - moved_in_[s];
    const std::uint64_t total_room = std::accumulate(room.begin(), room.end(), std::uint64_t(0));
    if (freed > total_room)  // the counts above guarantee room; a failure here is a builder bug
        throw std::logic_error(fmt::format("table rebuild freed {} buckets but only {} are wanted",
                                           freed, total_room));
    const std::vector<std::uint32_t> takers =
        interleave(freed == total_room ? room : apportion(freed, room));

    std::size_t next = 0;
    auto next_taker = [&] {
        if (next == takers.size())  // the counts above make this impossible; a builder bug
            throw std::logic_error(fmt::format(
                "table rebuild ran out of the {} freed buckets' takers", takers.size()));
        return takers[next++];
    };
    auto place = [&](std::size_t i, Bucket& b) {
        const std::uint32_t first = slots_.slot_of(b.first_hop);
        const std::uint32_t second = second_slot(b, first);
        if (flags_[first] & kForced) {
            const std::uint32_t to = next_taker();
            // The old owner is gone; an earlier owner still alive keeps its connections.
            const bool keep_second = (flags_[second] & kLive) && second != to;
            move(b, first, to, keep_second ? b.second_hop : kNoServer);
        } else if ((flags_[first] & kSurplus) && !guarded(i, b, second) &&
                   ordinary_picker_[first].offer(true)) {
            move(b, first, next_taker(), b.first_hop);
        } else if (!(flags_[second] & kLive)) {
            b.second_hop = kNoServer;  // never point at a server whose connections are gone
        }
    };
    const bool in_place = &in == &out;
    for (std::size_t i = 0; i < in.size(); ++i) {  // one call site, so `place` is inlined
        Bucket b = in[i];
        place(i, b);
        if (in_place)
            out[i] = b;
        else
            out.push_back(b);
    }
    if (next != takers.size())
        throw std::logic_error(
            fmt::format("table rebuild placed {} of {} freed buckets", next, takers.size()));
}

}  // namespace shoal::table
