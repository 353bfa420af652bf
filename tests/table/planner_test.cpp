// SPDX-License-Identifier: MIT
#include "table/planner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "build_helpers.h"

using namespace shoal::table;
using namespace shoal::table::test;

namespace {

struct Service {
    std::vector<Server> servers = equal_servers(4);
    Table table = first_build(256, servers).table;

    ServiceSnapshot snapshot() const {
        ServiceSnapshot s;
        s.buckets = 256;
        s.servers = servers;
        s.table = &table;
        s.now = kStart + 1h;
        return s;
    }
};

}  // namespace

TEST_CASE("planning a drain reports its moves and changes nothing", "[cases]") {
    const Service service;
    const Table before = service.table;
    const PlanReport p = plan(service.snapshot(), DrainServer{4});
    CHECK(p.change == "drain server 4");
    CHECK(p.build.moved == 64);
    CHECK(p.build.optimal_moved == 64);
    CHECK(p.build.servers[3].before == 64);
    CHECK(p.build.servers[3].after == 0);
    CHECK(p.build.servers[3].state == ServerState::draining);
    CHECK(p.load.empty());
    CHECK(service.table == before);
    CHECK(service.servers[3].state == ServerState::active);
}

TEST_CASE("planning with a load estimate projects load onto the new owners", "[cases]") {
    Service service;
    ServiceSnapshot now = service.snapshot();
    now.load = {{1, 100.0}, {2, 100.0}, {3, 100.0}, {4, 64.0}};
    const PlanReport p = plan(now, DrainServer{4});
    REQUIRE(p.load.size() == 4);
    double total = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const ServerLoad& l = p.load[i];
        const ServerOutcome& s = p.build.servers[i];
        CHECK(l.index == s.index);
        total += l.projected;
        // Server 4 carried 1 per bucket; the others keep theirs and take 4's buckets.
        if (l.index == 4)
            CHECK(l.projected == 0.0);
        else
            CHECK(l.projected == Approx(l.current + s.moved_in * 1.0));
    }
    CHECK(total == Approx(364.0));
}

TEST_CASE("planning an add, a removal and a weight change reports each server", "[cases]") {
    const Service service;
    const PlanReport add = plan(service.snapshot(), AddServer{{9, "new", 100}});
    CHECK(add.build.moved == 51);
    CHECK(add.build.servers.back().index == 9);
    CHECK(add.build.servers.back().after == 51);

    const PlanReport removal = plan(service.snapshot(), RemoveServer{2});
    REQUIRE(removal.build.removed.size() == 1);
    CHECK(removal.build.removed[0].index == 2);
    CHECK(removal.build.removed[0].before == 64);
    CHECK(removal.build.moved == 64);
    CHECK(removal.build.forced_moved == 64);

    const PlanReport weight = plan(service.snapshot(), SetServerWeight{1, 300});
    CHECK(weight.change == "set weight of server 1 to 300");
    CHECK(weight.build.servers[0].target == 128);
    CHECK(weight.build.moved == 64);
}

TEST_CASE("planning a change to an unknown or duplicate server is an error", "[cases]") {
    const Service service;
    CHECK_THROWS_WITH(plan(service.snapshot(), UndrainServer{99}),
                      Catch::Contains("undrain server 99: no server with index 99"));
    CHECK_THROWS_WITH(plan(service.snapshot(), AddServer{{3, "dup", 1}}),
                      Catch::Contains("index 3 is already server \"s3\""));
}

TEST_CASE("planning without a table plans the first table", "[cases]") {
    const std::vector<Server> servers = equal_servers(2);
    ServiceSnapshot none;
    none.buckets = 512;
    none.servers = servers;
    const PlanReport p = plan(none, MarkServerDown{2});
    CHECK(p.build.first_table);
    CHECK(p.build.servers[0].after == 512);
    CHECK(p.build.servers[1].after == 0);
}

TEST_CASE("plan reports serialise to JSON with every field", "[cases]") {
    Service service;
    ServiceSnapshot now = service.snapshot();
    now.load = {{1, 10.0}};
    const nlohmann::json j = plan(now, DrainServer{4});
    CHECK(j.at("change") == "drain server 4");
    CHECK(j.at("build").at("moved") == 64);
    CHECK(j.at("build").at("optimal_moved") == 64);
    CHECK(j.at("build").at("converged") == true);
    const auto& s4 = j.at("build").at("servers").at(3);
    CHECK(s4.at("state") == "draining");
    CHECK(s4.at("before") == 64);
    CHECK(s4.at("after") == 0);
    CHECK(s4.at("share_error") == 0.0);
    CHECK(j.at("load").at(0).at("current") == 10.0);
    for (const char* key : {"buckets", "first_table", "forced_moved", "swap_moved", "held_by_guard",
                            "held_by_cap", "unowned_before", "max_share_error", "removed"})
        CHECK(j.at("build").contains(key));
}
