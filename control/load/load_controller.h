// SPDX-License-Identifier: MIT
// The load feedback controller: per pool (a service's servers), it moves weights so that the
// active servers run at equal utilisation.
//
//  - Each round, a server whose utilisation u differs from the pool mean m by more than the
//    dead band gets its weight multiplied by (m / u) ^ damping, bounded to 1 +- max_step;
//    the adjusted weights are then scaled so their sum is unchanged (the pool's other
//    servers keep their share), and none falls below floor x its config weight.
//  - Moves are rate-limited: the round applies the largest fraction of that change whose
//    table, built by the real table builder from the table in force (churn guard
//    included), moves at most move_budget of the buckets. When even no change would move
//    more (the table is still settling after a drain or a held-back move), it waits.
//  - Operator weights win: a manual weight is used as is. Draining and down servers keep
//    their weight and are out of the mean.
//  - A report that is missing, older than stale_after, failed at its source or nonsensical
//    (NaN, < 0, > 1) is never read as zero: that server's weight is held, with the reason.
//
// Pure: no clock (`now` is given), no I/O, deterministic. The caller keeps the weights
// between rounds and feeds them back.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "load/controller_settings.h"
#include "table/table_builder.h"

namespace shoal::load {

// Weights are doubles in config units (100 = a default server); the table builder gets them
// x kBuilderWeightScale as integers, so a computed weight keeps 0.1% precision.
inline constexpr double kBuilderWeightScale = 1000;
inline constexpr double kMaxComputedWeight = 1'000'000;
std::uint32_t builder_weight(double weight);

enum class WeightSource { config, computed, manual };
std::string to_string(WeightSource source);

// Why a server's weight was held this round ("missing", "stale", "source_failed", ...).
enum class HoldReason { none, missing, stale, source_failed, nonsensical };
inline constexpr HoldReason kHoldReasons[] = {HoldReason::missing, HoldReason::stale,
                                              HoldReason::source_failed, HoldReason::nonsensical};
std::string to_string(HoldReason reason);

struct UtilisationReport {
    double utilisation = 0;  // busy fraction 0..1
    table::TimePoint at{};
    std::string error;  // the load source's failure; utilisation is then meaningless
};

struct PoolMember {
    std::string name;
    table::ServerIndex index = 0;
    table::ServerState state = table::ServerState::active;
    double weight = 100;         // in force: the last computed weight, or the config weight
    double config_weight = 100;  // the floor's reference
    std::optional<std::uint32_t> manual_weight;  // the operator's: always wins
    std::optional<UtilisationReport> report;     // nullopt: none received
};

struct MemberOutcome {
    std::string name;
    table::ServerIndex index = 0;
    table::ServerState state = table::ServerState::active;
    double weight = 0;  // to use from now on
    WeightSource source = WeightSource::computed;
    std::optional<double> utilisation;  // the usable reading of this round
    HoldReason hold = HoldReason::none;
    std::string held;  // why the weight was held, in words; empty when it was not
    std::uint32_t buckets_before = 0;
    std::uint32_t buckets_after = 0;
    double target_share = 0;  // of the table, 0..1, at the new weights
};

struct PoolInput {
    std::span<const PoolMember> members;
    const table::Table* table = nullptr;  // in force; nullptr: nothing to control yet
    std::uint32_t buckets = table::kDefaultTableSize;
    table::TimePoint now{};
    table::BuildOptions options;
    std::span<const std::uint8_t> second_hop_busy;  // as the real build gets it (may be empty)
};

struct PoolRound {
    std::vector<MemberOutcome> members;  // in input order
    std::optional<double> mean_utilisation;
    double step = 0;                // the fraction of the wanted change applied, 0..1
    std::uint64_t moved = 0;        // buckets the new table moves (not counting forced moves)
    std::uint64_t move_budget = 0;  // the most it may move
    std::string note;               // why nothing changed, when nothing could
    table::BuildResult build;       // the table at the new weights
};

class LoadController {
  public:
    explicit LoadController(ControllerSettings settings) : settings_(settings) {}

    // Throws table::TableError when the pool cannot be built (no active weight).
    PoolRound round(const PoolInput& input) const;

    const ControllerSettings& settings() const noexcept { return settings_; }

  private:
    std::pair<HoldReason, std::string> why_held(const PoolMember& member,
                                                table::TimePoint now) const;
    double correction(double utilisation, double mean) const;

    ControllerSettings settings_;
};

}  // namespace shoal::load
