// SPDX-License-Identifier: MIT
#include "dataplane/stats_reader.h"

#include <bpf/libbpf.h>
#include <fmt/format.h>

#include "dataplane/dataplane_error.h"
#include "dataplane/stat_names.h"

namespace shoal {
namespace {

// The kernel hands out one 8-byte-aligned value per possible CPU.
static_assert(sizeof(shoal_counter) % 8 == 0);

shoal_counter sum(const shoal_counter* per_cpu, unsigned cpus) {
    shoal_counter total{};
    for (unsigned c = 0; c < cpus; ++c) {
        total.packets += per_cpu[c].packets;
        total.bytes += per_cpu[c].bytes;
    }
    return total;
}

}  // namespace

shoal_counter StatsSnapshot::total(shoal_stat stat) const {
    shoal_counter t{};
    for (const StatRow& row : rows) {
        t.packets += row[stat].packets;
        t.bytes += row[stat].bytes;
    }
    return t;
}

StatsReader::StatsReader(const BpfMap& stats, const BpfMap& server_stats)
    : stats_(stats), server_stats_(server_stats), cpus_(possible_cpus()) {}

unsigned StatsReader::possible_cpus() {
    const int n = ::libbpf_num_possible_cpus();
    if (n <= 0)
        throw DataplaneError::system("count possible CPUs", "/sys/devices/system/cpu/possible", {},
                                     n);
    return static_cast<unsigned>(n);
}

StatsSnapshot StatsReader::read() const {
    std::vector<shoal_counter> raw(std::size_t{SHOAL_STATS_ENTRIES} * cpus_);
    stats_.read_array(SHOAL_STATS_ENTRIES, raw.data(), sizeof(shoal_counter) * cpus_);
    StatsSnapshot snap;
    snap.rows.resize(SHOAL_MAX_SERVICES + 1);
    for (std::size_t key = 0; key < SHOAL_STATS_ENTRIES; ++key)
        snap.rows[key / SHOAL_STAT_MAX][key % SHOAL_STAT_MAX] = sum(&raw[key * cpus_], cpus_);

    raw.assign(std::size_t{SHOAL_MAX_SERVERS} * cpus_, shoal_counter{});
    server_stats_.read_array(SHOAL_MAX_SERVERS, raw.data(), sizeof(shoal_counter) * cpus_);
    snap.servers.resize(SHOAL_MAX_SERVERS);
    for (std::size_t i = 0; i < SHOAL_MAX_SERVERS; ++i)
        snap.servers[i] = sum(&raw[i * cpus_], cpus_);
    return snap;
}

StatRow StatsReader::read_row(std::uint32_t row) const {
    if (row > SHOAL_STATS_ROW_NONE)
        throw DataplaneError::invalid(fmt::format("read {}", stats_.name()),
                                      fmt::format("row {} > {}", row, SHOAL_STATS_ROW_NONE));
    StatRow out{};
    std::vector<shoal_counter> per_cpu(cpus_);
    for (std::uint32_t stat = 0; stat < SHOAL_STAT_MAX; ++stat) {
        const std::uint32_t key = row * SHOAL_STAT_MAX + stat;
        stats_.lookup(&key, per_cpu.data(), [row, stat] {
            return fmt::format("row {} {}", row, stat_name(static_cast<shoal_stat>(stat)));
        });
        out[stat] = sum(per_cpu.data(), cpus_);
    }
    return out;
}

shoal_counter StatsReader::read_server(std::uint32_t server_index) const {
    if (server_index >= SHOAL_MAX_SERVERS)
        throw DataplaneError::invalid(
            fmt::format("read {}", server_stats_.name()),
            fmt::format("server {} >= {}", server_index, SHOAL_MAX_SERVERS));
    std::vector<shoal_counter> per_cpu(cpus_);
    server_stats_.lookup(&server_index, per_cpu.data(),
                         [server_index] { return fmt::format("server {}", server_index); });
    return sum(per_cpu.data(), cpus_);
}

}  // namespace shoal
