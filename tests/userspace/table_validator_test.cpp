// SPDX-License-Identifier: MIT
#include "dataplane/table_validator.h"

#include <catch2/catch.hpp>
#include <vector>

#include "dataplane/dataplane_error.h"

using namespace shoal;

namespace {

std::vector<bool> configured(std::initializer_list<std::uint16_t> indexes) {
    std::vector<bool> c(SHOAL_MAX_SERVERS);
    for (auto i : indexes) c[i] = true;
    return c;
}

std::vector<shoal_bucket> table(std::size_t size, std::uint16_t first = 1,
                                std::uint16_t second = SHOAL_NO_SERVER) {
    return std::vector<shoal_bucket>(size, shoal_bucket{first, second});
}

}  // namespace

TEST_CASE("a table of configured first hops is accepted at the smallest and largest sizes",
          "[unit]") {
    CHECK_NOTHROW(validate_table(0, table(1u << SHOAL_MIN_TABLE_BITS), configured({1}), false));
    CHECK_NOTHROW(
        validate_table(0, table(1u << SHOAL_MAX_TABLE_BITS, 1, 2), configured({1}), false));
}

TEST_CASE("a table size that is not a power of two in range is refused", "[unit]") {
    const auto c = configured({1});
    CHECK_THROWS_WITH(validate_table(3, table(300), c, false),
                      Catch::Contains("service 3") && Catch::Contains("size 300"));
    CHECK_THROWS_WITH(validate_table(3, table(128), c, false), Catch::Contains("size 128"));
    CHECK_THROWS_WITH(validate_table(3, table(1u << 23), c, false),
                      Catch::Contains("size 8388608"));
    CHECK_THROWS_WITH(validate_table(3, table(0), c, false), Catch::Contains("size 0"));
}

TEST_CASE("a first hop that is not a configured server names the first bad bucket and the count",
          "[unit]") {
    auto t = table(256);
    t[17].first_hop = 9;
    t[40].first_hop = 9;
    CHECK_THROWS_WITH(validate_table(2, t, configured({1}), false),
                      Catch::Contains("bucket 17") &&
                          Catch::Contains("first hop 9 is not a configured") &&
                          Catch::Contains("2 of 256"));
}

TEST_CASE("hops at or beyond SHOAL_MAX_SERVERS are refused", "[unit]") {
    auto t = table(256);
    t[0].first_hop = SHOAL_MAX_SERVERS;
    CHECK_THROWS_WITH(validate_table(0, t, configured({1}), false),
                      Catch::Contains("first hop 8192 >= 8192"));
    t[0].first_hop = 1;
    t[5].second_hop = SHOAL_MAX_SERVERS + 1;
    CHECK_THROWS_WITH(validate_table(0, t, configured({1}), false),
                      Catch::Contains("bucket 5") && Catch::Contains("second hop 8193"));
}

TEST_CASE("empty first hops are refused unless explicitly allowed", "[unit]") {
    auto t = table(256);
    t[3].first_hop = SHOAL_NO_SERVER;
    CHECK_THROWS_WITH(validate_table(0, t, configured({1}), false),
                      Catch::Contains("bucket 3") && Catch::Contains("empty first hop"));
    CHECK_NOTHROW(validate_table(0, t, configured({1}), true));
}

TEST_CASE("a service id beyond the counter rows is refused", "[unit]") {
    CHECK_THROWS_AS(validate_table(SHOAL_MAX_SERVICES, table(256), configured({1}), false),
                    DataplaneError);
}
