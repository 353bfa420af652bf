// SPDX-License-Identifier: MIT
// A small pool for the controller's property tests: servers with capacities, every bucket
// carrying the same traffic, utilisation = the server's share x demand / its capacity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "load/load_controller.h"

namespace shoal::load::test {

class PoolSim {
  public:
    PoolSim(std::vector<double> capacities, std::uint32_t buckets, ControllerSettings settings);

    // One controller round on the table in force; reports as `report_of` says (nullopt:
    // the measured utilisation, reported now).
    PoolRound step();
    double cov() const;  // of the utilisation the table in force gives
    std::vector<double> utilisation() const;
    std::uint32_t moved_since(const table::Table& before) const;

    std::vector<PoolMember> members;  // tests edit reports, states, manual weights
    std::vector<std::optional<UtilisationReport>> report_override;
    table::Table table;
    table::TimePoint now{std::chrono::milliseconds(1'700'000'000'000LL)};
    LoadController controller;

  private:
    std::vector<double> capacities_;
    std::uint32_t buckets_;
};

}  // namespace shoal::load::test
