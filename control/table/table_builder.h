// SPDX-License-Identifier: MIT
// Builds the forwarding table of one service.
//
//  1. Shares: each active server's target is its weight's share of the table, by largest
//     remainder (sums to the size, each within 1 of exact); draining and down get 0. No
//     active weight above 0 is an error: never an empty table.
//  2. Minimal moves: with nothing held back, exactly sum(max(0, before - target)) buckets
//     (plus ownerless ones) change first hop, only from servers over target to servers
//     under target.
//  3. Second hop: a moved bucket's second hop becomes its old first hop; one that stays
//     keeps its second hop. A down or removed server is never left as a second hop, and
//     its buckets move at once whatever the guard and the cap (a bucket leaving a dead
//     owner keeps a live earlier owner as its second hop).
//  4. Churn guard and cap: an ordinary move skips a bucket whose first hop changed less than
//     chain_window ago while its second hop still names a live server — or less than
//     chain_hold_max ago while that second hop reports connections in it (second_hop_busy:
//     moving it would drop the second hop from the chain and break them) — and all ordinary
//     moves (swaps included) together respect max_moves. A swap (first and second hop
//     trade places) loses no connection: the guard does not hold it back, and buckets
//     going to a server are chosen among swaps first.
//  5. Deterministic: no clock, no unordered iteration, no unseeded randomness; the order
//     of the input servers does not matter.
//  6. First table: each server's buckets spread evenly over the index space. Adding a
//     server moves only its target count when the table is rebuilt from the previous one.
//     The first-table function by itself is not stable under addition (first(S) and
//     first(S + x) differ in most buckets), so a caller that has a table in force (e.g.
//     read back from the data plane with from_abi_buckets) must always pass it as previous.
//  7. The buckets a server gives up are spread over its buckets, not one block.
#pragma once

#include "table/build_report.h"
#include "table/table_types.h"

namespace shoal::table {

struct BuildResult {
    Table table;
    BuildReport report;
};

// Throws TableError on bad input: table size not a power of two in range, previous table
// of another size, duplicate or out-of-range server indexes, no active weight.
BuildResult build_table(const BuildInput& input);

}  // namespace shoal::table
