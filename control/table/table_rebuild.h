// SPDX-License-Identifier: MIT
// Rebuilds a table from the previous one with the fewest moves the churn guard and the
// move cap allow. Internal to table_builder.cpp; see table_builder.h for the rules.
//
// Three to five linear passes over the buckets, no per-bucket allocation (pass 3 is
// skipped when no bucket could go home or swap, the usual case after a first table):
//  1. count each server's buckets (constructor);
//  2. count, per server, the buckets that could move: forced (owner down/removed) whose
//     second hop is under target, swaps back to a second hop that is under target, and
//     ordinary unguarded buckets of servers over target;
//  3. forced buckets go back to their second hop, and swaps, each chosen evenly over the
//     candidates (SpreadPicker); a rare extra pass pays back swap picks that were refused
//     because the bucket's owner had used its quota;
//  4. the remaining forced buckets and an evenly spread pick of each over-target server's
//     unguarded buckets are dealt to the servers under target (interleave), and second
//     hops naming a dead server are cleared.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "table/build_report.h"
#include "table/server_slots.h"
#include "table/spread_picker.h"
#include "table/table_types.h"

namespace shoal::table {

class TableRebuild {
  public:
    TableRebuild(const ServerSlots& slots, const Table& previous, TimePoint now,
                 const BuildOptions& options, std::span<const std::uint8_t> second_hop_busy = {});

    // Buckets per slot in the previous table; the last entry is the unknown slot.
    std::span<const std::uint32_t> before() const { return before_; }

    // Fills the move counters of `report` and per-slot moved_in/moved_out.
    Table run(std::span<const std::uint32_t> target, BuildReport& report);

    std::uint32_t moved_in(std::uint32_t slot) const { return moved_in_[slot]; }
    std::uint32_t moved_out(std::uint32_t slot) const { return moved_out_[slot]; }

  private:
    void classify(std::span<const std::uint32_t> target);
    void count_candidates();
    void set_quotas(BuildReport& report);
    // Copies the previous table into `out` (reserved, empty) on the way.
    std::uint64_t move_forced_and_swaps(Table& out);  // these two return the swaps
    std::uint64_t pay_owed_swaps(Table& out);
    // `in` is `out` (in place) or the previous table (appended to the empty `out`).
    void move_the_rest(const Table& in, Table& out);

    std::uint32_t second_slot(const Bucket& b, std::uint32_t first_slot) const {
        const std::uint32_t s = slots_.slot_of(b.second_hop);
        return s == first_slot ? slots_.unknown_slot() : s;
    }
    bool guarded(std::size_t i, const Bucket& b, std::uint32_t second) const;
    void move(Bucket& b, std::uint32_t from, std::uint32_t to, ServerIndex new_second);

    const ServerSlots& slots_;
    const Table& previous_;
    const TimePoint now_;
    const TimePoint guard_since_;
    const TimePoint hold_since_;
    const std::span<const std::uint8_t> second_hop_busy_;
    const BuildOptions& options_;

    // Per slot, the unknown slot last.
    std::vector<std::uint8_t> flags_;
    std::vector<std::uint32_t> before_, surplus_, deficit_;
    std::vector<std::uint32_t> forced_home_candidates_, swap_in_candidates_, swap_out_candidates_;
    std::vector<std::uint32_t> unguarded_, unguarded_left_;
    std::vector<std::uint64_t> quota_left_;
    std::vector<SpreadPicker> forced_home_picker_, swap_picker_, ordinary_picker_;
    std::vector<std::uint32_t> moved_in_, moved_out_;
    std::uint64_t forced_total_ = 0, forced_home_moved_ = 0;
};

}  // namespace shoal::table
