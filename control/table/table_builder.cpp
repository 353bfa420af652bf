// SPDX-License-Identifier: MIT
#include "table/table_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "table/interleave.h"
#include "table/server_slots.h"
#include "table/share_targets.h"
#include "table/table_rebuild.h"

namespace shoal::table {

namespace {

void check_size(const BuildInput& input) {
    const std::uint32_t b = input.buckets;
    if (b < kMinTableSize || b > kMaxTableSize || (b & (b - 1)) != 0)
        throw TableError(fmt::format("table size {} is not a power of two in {}..{}", b,
                                     kMinTableSize, kMaxTableSize));
    if (input.previous && input.previous->size() != b)
        throw TableError(
            fmt::format("previous table has {} buckets but the build asks for {}; "
                        "resizing is not supported",
                        input.previous->size(), b));
}

Table first_table(std::uint32_t buckets, const ServerSlots& slots,
                  std::span<const std::uint32_t> target, TimePoint now) {
    const std::vector<std::uint64_t> counts(target.begin(), target.end());
    const std::vector<std::uint32_t> owners = interleave(counts);
    Table table;
    table.reserve(buckets);
    for (std::uint32_t owner : owners) table.push_back(Bucket{slots.index(owner), kNoServer, now});
    return table;
}

std::vector<RemovedServer> find_removed(const Table& previous, const ServerSlots& slots,
                                        std::uint32_t& unowned) {
    std::vector<ServerIndex> unknown;
    for (const Bucket& b : previous) {
        if (slots.slot_of(b.first_hop) != slots.unknown_slot()) continue;
        if (b.first_hop == kNoServer)
            ++unowned;
        else
            unknown.push_back(b.first_hop);
    }
    std::sort(unknown.begin(), unknown.end());
    std::vector<RemovedServer> removed;
    for (ServerIndex index : unknown) {
        if (removed.empty() || removed.back().index != index) removed.push_back({index, 0});
        ++removed.back().before;
    }
    return removed;
}

void describe_servers(BuildReport& report, const ServerSlots& slots,
                      std::span<const std::uint32_t> before, const ShareTargets& targets,
                      const TableRebuild* rebuild) {
    report.servers.reserve(slots.size());
    for (std::uint32_t s = 0; s < slots.size(); ++s) {
        const Server& server = slots.server(s);
        ServerOutcome o{server.index, server.name, server.state, server.weight};
        o.before = before.empty() ? 0 : before[s];
        o.target = targets.target[s];
        o.exact_share = targets.exact[s];
        o.moved_in = rebuild ? rebuild->moved_in(s) : o.target;
        o.moved_out = rebuild ? rebuild->moved_out(s) : 0;
        o.after = o.before + o.moved_in - o.moved_out;
        report.max_share_error = std::max(report.max_share_error, std::fabs(o.share_error()));
        report.servers.push_back(std::move(o));
    }
}

}  // namespace

BuildResult build_table(const BuildInput& input) {
    check_size(input);
    const ServerSlots slots(input.servers);
    BuildResult result;
    BuildReport& report = result.report;
    report.buckets = input.buckets;

    if (!input.previous) {
        const ShareTargets targets = compute_share_targets(input.buckets, slots);
        result.table = first_table(input.buckets, slots, targets.target, input.now);
        report.first_table = true;
        report.moved = report.optimal_moved = report.forced_moved = input.buckets;
        describe_servers(report, slots, {}, targets, nullptr);
        return result;
    }

    TableRebuild rebuild(slots, *input.previous, input.now, input.options, input.second_hop_busy);
    const auto before = rebuild.before();
    const ShareTargets targets =
        compute_share_targets(input.buckets, slots, before.first(slots.size()));
    result.table = rebuild.run(targets.target, report);
    if (before[slots.unknown_slot()] != 0)
        report.removed = find_removed(*input.previous, slots, report.unowned_before);
    describe_servers(report, slots, before, targets, &rebuild);
    return result;
}

}  // namespace shoal::table
