// SPDX-License-Identifier: MIT
#include "table_bench.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "maglev_table.h"
#include "table/table_builder.h"
#include "table_bench_scenarios.h"

namespace shoal::bench {

namespace {

using table::Server;
using table::ServerState;

struct Options {
    bool json = false;
    bool quick = false;
    unsigned repeat = 7;
    unsigned warmup = 2;
    std::uint64_t seed = 1;
};

struct Row {
    std::string algorithm;
    std::uint32_t buckets = 0;
    std::uint32_t servers = 0;
    std::string scenario;
    double build_ms = 0;  // median wall time
    double cpu_ms = 0;    // median CPU time of this thread: unaffected by other load
    std::uint64_t moved = 0;
    std::uint64_t optimal_moved = 0;
    double max_share_error = 0;
    std::uint32_t table_size = 0;  // Maglev's prime size; the same as buckets for Shoal
};

const table::TimePoint kT0 = table::TimePoint(std::chrono::hours(24 * 365 * 50));

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Runs `run` warmup times untimed (heap growth, first page faults), then `repeat` times;
// fills the medians of wall and CPU time into `row` and keeps the last result in `out`.
template <class Result, class Run>
void time_builds(const Options& options, Run&& run, Result& out, Row& row) {
    for (unsigned i = 0; i < options.warmup; ++i) out = run();
    std::vector<double> wall, cpu;
    for (unsigned i = 0; i < options.repeat; ++i) {
        const double cpu_start = thread_cpu_ms();
        const auto start = std::chrono::steady_clock::now();
        out = run();
        wall.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        cpu.push_back(thread_cpu_ms() - cpu_start);
    }
    row.build_ms = median(wall);
    row.cpu_ms = median(cpu);
}

std::vector<Row> shoal_rows(std::uint32_t buckets, const std::vector<TableScenario>& scenarios,
                            const Options& options) {
    const table::Table base =
        table::build_table({buckets, scenarios.front().servers, nullptr, kT0, {}}).table;
    std::vector<Row> rows;
    for (const TableScenario& s : scenarios) {
        const bool first = s.name == "first";
        const table::BuildInput input{
            buckets, s.servers, first ? nullptr : &base, kT0 + std::chrono::hours(1), {}};
        table::BuildResult result;
        Row row;
        time_builds(
            options, [&] { return table::build_table(input); }, result, row);
        row.algorithm = "shoal";
        row.buckets = row.table_size = buckets;
        row.servers = std::uint32_t(scenarios.front().servers.size());
        row.scenario = s.name;
        row.moved = result.report.moved;
        row.optimal_moved = result.report.optimal_moved;
        row.max_share_error = result.report.max_share_error;
        rows.push_back(row);
    }
    return rows;
}

std::vector<MaglevBackend> maglev_backends(const std::vector<Server>& servers) {
    std::vector<MaglevBackend> out;
    for (const Server& s : servers)
        if (s.state == ServerState::active && s.weight > 0)
            out.push_back({s.index, s.name, s.weight});
    return out;
}

// Moved entries; the least moves that reach Maglev's own new counts from its previous table
// (Maglev's shares are not exact, so exact-share optima do not apply); the largest share
// error against the exact weighted share of the table.
void score_maglev(const std::vector<std::uint32_t>& before, const std::vector<std::uint32_t>& after,
                  const std::vector<Server>& servers, Row& row) {
    std::map<std::uint32_t, std::uint64_t> old_count, new_count;
    for (std::uint32_t id : before) ++old_count[id];
    for (std::uint32_t id : after) ++new_count[id];
    for (const auto& [id, old] : old_count) {
        auto now = new_count.find(id);
        const std::uint64_t kept = now == new_count.end() ? 0 : now->second;
        row.optimal_moved += old > kept ? old - kept : 0;
    }
    double total = 0;
    for (const Server& s : servers) total += s.state == ServerState::active ? s.weight : 0;
    for (const Server& s : servers) {
        const double exact =
            s.state == ServerState::active ? double(after.size()) * double(s.weight) / total : 0.0;
        row.max_share_error =
            std::max(row.max_share_error, std::fabs(double(new_count[s.index]) - exact));
    }
    for (std::size_t e = 0; e < after.size(); ++e) row.moved += before[e] != after[e];
}

std::vector<Row> maglev_rows(std::uint32_t buckets, const std::vector<TableScenario>& scenarios,
                             const Options& options) {
    const std::uint32_t size = next_prime(buckets);
    const std::vector<std::uint32_t> base =
        build_maglev(maglev_backends(scenarios.front().servers), size);
    std::vector<Row> rows;
    for (const TableScenario& s : scenarios) {
        const auto backends = maglev_backends(s.servers);
        std::vector<std::uint32_t> entries;
        Row row;
        row.algorithm = "maglev";
        row.buckets = buckets;
        row.servers = std::uint32_t(scenarios.front().servers.size());
        row.scenario = s.name;
        row.table_size = size;
        time_builds(
            options, [&] { return build_maglev(backends, size); }, entries, row);
        if (s.name == "first") {
            score_maglev(std::vector<std::uint32_t>(size, 0xFFFFFFFFu), entries, s.servers, row);
            row.moved = row.optimal_moved = size;
        } else {
            score_maglev(base, entries, s.servers, row);
        }
        rows.push_back(row);
    }
    return rows;
}

void print_json(const std::vector<Row>& rows) {
    std::cout << "[\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        const nlohmann::json j{
            {"algorithm", r.algorithm},
            {"buckets", r.buckets},
            {"servers", r.servers},
            {"scenario", r.scenario},
            {"build_ms", r.build_ms},
            {"moved", r.moved},
            {"optimal_moved", r.optimal_moved},
            {"max_share_error", r.max_share_error},
            {"cpu_ms", r.cpu_ms},
            {"table_size", r.table_size},
        };
        std::cout << j.dump() << (i + 1 < rows.size() ? ",\n" : "\n");
    }
    std::cout << "]\n";
}

void print_table(const std::vector<Row>& rows) {
    std::cout << fmt::format("{:<9} {:>8} {:>8} {:<9} {:>10} {:>10} {:>9} {:>9} {:>10}\n",
                             "algorithm", "buckets", "servers", "scenario", "build_ms", "cpu_ms",
                             "moved", "optimal", "share_err");
    for (const Row& r : rows)
        std::cout << fmt::format(
            "{:<9} {:>8} {:>8} {:<9} {:>10.3f} {:>10.3f} {:>9} {:>9} {:>10.3f}\n", r.algorithm,
            r.table_size, r.servers, r.scenario, r.build_ms, r.cpu_ms, r.moved, r.optimal_moved,
            r.max_share_error);
}

int run(const Options& options) {
    struct Size {
        std::uint32_t buckets, servers;
    };
    const std::vector<Size> sizes = options.quick
                                        ? std::vector<Size>{{1u << 12, 100}}
                                        : std::vector<Size>{{1u << 16, 1000}, {1u << 20, 10000}};
    std::vector<Row> rows;
    for (const Size& size : sizes) {
        const auto scenarios =
            bench_scenarios(bench_fleet(size.servers, options.seed), options.seed);
        for (Row& r : shoal_rows(size.buckets, scenarios, options)) rows.push_back(r);
        for (Row& r : maglev_rows(size.buckets, scenarios, options)) rows.push_back(r);
    }
    options.json ? print_json(rows) : print_table(rows);
    return 0;
}

}  // namespace

std::function<int()> attach_table_bench(CLI::App& command) {
    auto options = std::make_shared<Options>();
    command.add_flag("--json", options->json, "print a JSON array, one object per scenario");
    command.add_flag("--quick", options->quick, "one small fleet (2^12 x 100), for smoke tests");
    command.add_option("--repeat", options->repeat, "builds per scenario; the median is reported")
        ->check(CLI::Range(5u, 1000u))
        ->capture_default_str();
    command.add_option("--warmup", options->warmup, "untimed builds before timing each scenario")
        ->capture_default_str();
    command.add_option("--seed", options->seed, "seed of the fleets' weights")
        ->capture_default_str();
    return [options] { return run(*options); };
}

}  // namespace shoal::bench
