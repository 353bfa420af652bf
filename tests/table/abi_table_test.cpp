// SPDX-License-Identifier: MIT
#include "table/abi_table.h"

#include <catch2/catch.hpp>

#include "build_helpers.h"

using namespace shoal::table;
using namespace shoal::table::test;

TEST_CASE("tables convert to the data plane's buckets and back", "[cases]") {
    const Table t{{1, kNoServer, kStart}, {8191, 0, kStart}, {kNoServer, kNoServer, kStart}};
    const std::vector<shoal_bucket> abi = to_abi_buckets(t);
    REQUIRE(abi.size() == 3);
    CHECK(abi[0].first_hop == 1);
    CHECK(abi[0].second_hop == SHOAL_NO_SERVER);
    CHECK(abi[1].first_hop == 8191);
    CHECK(abi[1].second_hop == 0);
    CHECK(abi[2].first_hop == SHOAL_NO_SERVER);
    CHECK(from_abi_buckets(abi, kStart) == t);
}

TEST_CASE("a server index beyond the data plane's limit is refused, naming the bucket", "[cases]") {
    const Table t{{1, 2, kStart}, {3, 8192, kStart}};
    CHECK_THROWS_WITH(to_abi_buckets(t),
                      Catch::Contains("bucket 1: second hop is server index 8192") &&
                          Catch::Contains("SHOAL_MAX_SERVERS"));
}
