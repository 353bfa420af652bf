// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "config/address.h"

using namespace shoal::config;

TEST_CASE("addresses parse strictly by family") {
    CHECK(parse_ipv4("198.18.0.1").has_value());
    CHECK_FALSE(parse_ipv4("198.18.0").has_value());
    CHECK_FALSE(parse_ipv4("198.18.0.256").has_value());
    CHECK_FALSE(parse_ipv4("2001:db8::1").has_value());
    CHECK(parse_ipv6("2001:db8::1").has_value());
    CHECK_FALSE(parse_ipv6("198.18.0.1").has_value());
    const auto v4 = parse_address("198.18.0.1");
    REQUIRE(v4);
    CHECK(v4->is_v4());
    CHECK(v4->bytes[0] == 198);
    CHECK(v4->bytes[4] == 0);  // the rest of the 16 bytes stay zero, as in the map keys
    CHECK(parse_address("2001:db8::1")->to_string() == "2001:db8::1");
}

TEST_CASE("unicast excludes unspecified, multicast and broadcast") {
    CHECK(parse_address("198.18.0.1")->is_unicast());
    CHECK_FALSE(parse_address("0.0.0.0")->is_unicast());
    CHECK_FALSE(parse_address("239.1.1.1")->is_unicast());
    CHECK_FALSE(parse_address("255.255.255.255")->is_unicast());
    CHECK_FALSE(parse_address("::")->is_unicast());
    CHECK_FALSE(parse_address("ff02::1")->is_unicast());
    CHECK(parse_address("2001:db8::1")->is_unicast());
}

TEST_CASE("endpoints need an IP literal and a port 1..65535") {
    CHECK(parse_endpoint("127.0.0.1:9469")->port == 9469);
    CHECK(parse_endpoint("[::1]:9469")->address.is_v6());
    CHECK(parse_endpoint("[::1]:9469")->to_string() == "[::1]:9469");
    for (const char* text : {"127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "::1:9469",
                             "localhost:80", ":80", "127.0.0.1:+80", "[198.18.0.1]:80"}) {
        INFO(text);
        CHECK_FALSE(parse_endpoint(text).has_value());
    }
}
