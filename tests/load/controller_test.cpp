// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>

#include "pool_sim.h"

using namespace shoal::load;
using shoal::load::test::PoolSim;
using shoal::table::ServerState;

namespace {

ControllerSettings settings(double budget = 0.02) {
    ControllerSettings s;
    s.enabled = true;
    s.move_budget = budget;
    return s;
}

const std::vector<double> kMixed = {1.0, 1.0, 1.5, 1.5, 2.2, 2.2, 1.0, 1.5, 2.2};

}  // namespace

TEST_CASE("the controller converges unequal servers to equal utilisation") {
    PoolSim sim(kMixed, 4096, settings(0.02));
    const double start = sim.cov();
    for (int r = 0; r < 40; ++r) sim.step();
    CHECK(start > 0.25);
    CHECK(sim.cov() < 0.02);
    const auto u = sim.utilisation();
    CHECK(std::fabs(u[0] - u[4]) < 0.03);  // a 1.0 and a 2.2 server run alike
}

TEST_CASE("no round moves more buckets than the budget") {
    PoolSim sim(kMixed, 4096, settings(0.01));
    for (int r = 0; r < 40; ++r) {
        const auto before = sim.table;
        const auto round = sim.step();
        CHECK(round.move_budget == 40);
        CHECK(round.moved <= round.move_budget);
        CHECK(sim.moved_since(before) <= round.move_budget);
    }
}

TEST_CASE("a balanced pool inside the dead band is left alone") {
    PoolSim sim({1, 1, 1, 1}, 1024, settings());
    for (std::size_t i = 0; i < 4; ++i)
        sim.report_override[i] = UtilisationReport{0.50 + 0.005 * double(i), sim.now, {}};
    for (auto& r : sim.report_override) r->at = sim.now + sim.controller.settings().interval;
    const auto round = sim.step();
    CHECK(round.moved == 0);
    for (const auto& m : round.members) CHECK(m.weight == Approx(100));
}

TEST_CASE("missing, stale, failed and nonsensical reports hold that server's weight") {
    PoolSim sim(kMixed, 4096, settings(0.05));
    for (int r = 0; r < 3; ++r) sim.step();  // weights move away from 100
    const auto interval = sim.controller.settings().interval;
    const auto next = sim.now + interval;
    struct Case {
        std::optional<UtilisationReport> report;
        std::string why;
    };
    const std::vector<Case> cases = {
        {std::nullopt, "no load report"},
        {UtilisationReport{0.5, next - std::chrono::minutes(5), {}}, "stale load report"},
        {UtilisationReport{0, next, "file /x: cannot open"}, "load source failed: file /x"},
        {UtilisationReport{std::nan(""), next, {}}, "NaN"},
        {UtilisationReport{-0.2, next, {}}, "negative"},
        {UtilisationReport{1.7, next, {}}, "above 1"},
        {UtilisationReport{0.0, next, {}}, ""},  // a real 0 is usable: the control case
    };
    for (const auto& c : cases) {
        PoolSim copy = sim;
        const double before = copy.members[0].weight;
        // Server 0 is the slowest: usable data would raise no weight of it; make it look idle
        // so that reading a bad report as zero would show as a weight increase.
        if (c.report) {
            copy.report_override[0] = c.report;
        } else {
            copy.report_override[0].reset();
            copy.members[0].report.reset();
        }
        PoolRound round;
        if (c.report) {
            round = copy.step();
        } else {  // step() would fill a fresh report: call the controller with none
            copy.now = next;
            auto u = copy.utilisation();
            for (std::size_t i = 1; i < copy.members.size(); ++i)
                copy.members[i].report = UtilisationReport{u[i], next, {}};
            round = copy.controller.round({.members = copy.members,
                                           .table = &copy.table,
                                           .buckets = 4096,
                                           .now = next,
                                           .options = {},
                                           .second_hop_busy = {}});
        }
        INFO("case: " << (c.why.empty() ? "real zero" : c.why));
        if (c.why.empty()) {
            CHECK(round.members[0].held.empty());
            CHECK(round.members[0].weight > before);
        } else {
            CHECK_THAT(round.members[0].held, Catch::Contains(c.why));
            CHECK(round.members[0].weight == Approx(before));
            CHECK_FALSE(round.members[0].utilisation);
        }
    }
}

TEST_CASE("operator weights and drains win over the controller") {
    PoolSim sim(kMixed, 4096, settings(0.05));
    sim.members[0].manual_weight = 300;  // the slowest server, pinned high by the operator
    sim.members[1].state = ServerState::draining;
    for (int r = 0; r < 30; ++r) {
        const auto round = sim.step();
        CHECK(round.members[0].source == WeightSource::manual);
        CHECK(round.members[0].weight == 300);
        CHECK(round.members[1].buckets_after == 0);
    }
    // The others are balanced among themselves around the pinned server.
    const auto u = sim.utilisation();
    CHECK(std::fabs(u[2] - u[4]) < 0.03);
}

TEST_CASE("a weight never falls below the floor") {
    auto s = settings(0.05);
    s.floor = 0.5;
    PoolSim sim({1, 1, 1, 1}, 1024, s);
    for (int r = 0; r < 60; ++r) {
        sim.report_override[0] =
            UtilisationReport{1.0, sim.now + s.interval, {}};  // always saturated
        const auto round = sim.step();
        CHECK(round.members[0].weight >= 50 - 1e-9);
    }
    CHECK(sim.members[0].weight == Approx(50).margin(0.01));
}

TEST_CASE("one round changes a weight by a bounded factor") {
    auto s = settings(1.0);  // no move limit: only max_step bounds the change
    s.max_step = 0.1;
    s.damping = 1;
    PoolSim sim({1, 1, 1, 1}, 1024, s);
    for (std::size_t i = 0; i < 4; ++i)
        sim.report_override[i] = UtilisationReport{i < 2 ? 0.9 : 0.1, sim.now + s.interval, {}};
    const auto round = sim.step();
    for (const auto& m : round.members) {
        CHECK(m.weight >= 100 * 0.9 - 1e-9);
        CHECK(m.weight <= 100 * 1.1 + 1e-9);
    }
    CHECK(round.members[0].weight < round.members[3].weight);
}

TEST_CASE("while the table is still settling the controller waits") {
    PoolSim sim(kMixed, 4096, settings(0.01));
    sim.members[0].weight = 10;  // weights far from the table in force: a big pending change
    const auto round = sim.step();
    CHECK(round.step == 0);
    CHECK_THAT(round.note, Catch::Contains("still settling"));
}
