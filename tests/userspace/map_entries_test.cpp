// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

#include "dataplane/dataplane_error.h"
#include "dataplane/map_entries.h"

using namespace shoal;

TEST_CASE("an IPv4 service key keeps the address in the first 4 bytes and the port in network order",
          "[unit]")
{
    const ServiceKey key{IpAddress::parse("198.18.0.10"), IPPROTO_TCP, 80};
    const shoal_service_key abi = key.to_abi();
    const std::uint8_t expected[16] = {198, 18, 0, 10};
    CHECK(std::memcmp(abi.addr, expected, 16) == 0);
    CHECK(abi.family == SHOAL_FAMILY_IPV4);
    CHECK(abi.proto == IPPROTO_TCP);
    CHECK(abi.port == htons(80));
    CHECK(ServiceKey::from_abi(abi) == key);
    CHECK(describe(abi) == "198.18.0.10/tcp/80");
}

TEST_CASE("an IPv6 any-port service key is described with brackets and 'any'", "[unit]")
{
    const ServiceKey key{IpAddress::parse("2001:db8::10"), IPPROTO_UDP, 0};
    const shoal_service_key abi = key.to_abi();
    CHECK(abi.family == SHOAL_FAMILY_IPV6);
    CHECK(abi.addr[0] == 0x20);
    CHECK(abi.addr[15] == 0x10);
    CHECK(key.to_string() == "[2001:db8::10]/udp/any");
}

TEST_CASE("a fragment entry key marks its family and has no port", "[unit]")
{
    const ServiceKey key{IpAddress::parse("198.18.0.10"), IPPROTO_UDP, 0, true};
    const shoal_service_key abi = key.to_abi();
    CHECK(abi.family == (SHOAL_FAMILY_IPV4 | SHOAL_FAMILY_FRAGMENTS));
    CHECK(abi.port == 0);
    CHECK(ServiceKey::from_abi(abi) == key);
    CHECK(describe(abi) == "198.18.0.10/udp/fragments");
    CHECK_FALSE(ServiceKey::from_abi(abi) == (ServiceKey{key.vip, IPPROTO_UDP, 0}));
    const ServiceKey with_port{IpAddress::parse("2001:db8::10"), IPPROTO_TCP, 80, true};
    CHECK_THROWS_WITH(with_port.to_abi(), Catch::Contains("a fragment entry has no port"));
}

TEST_CASE("a service key refuses protocols other than tcp and udp", "[unit]")
{
    const ServiceKey key{IpAddress::parse("198.18.0.10"), IPPROTO_ICMP, 0};
    CHECK_THROWS_WITH(key.to_abi(), Catch::Contains("198.18.0.10/proto1/any") &&
                                        Catch::Contains("tcp or udp"));
}

TEST_CASE("a malformed address is refused with the text it got", "[unit]")
{
    CHECK_THROWS_AS(IpAddress::parse("198.18.0.300"), DataplaneError);
    CHECK_THROWS_WITH(IpAddress::parse("nope"), Catch::Contains("'nope'"));
}

TEST_CASE("a server entry sets the flags of the DIPs it has", "[unit]")
{
    const ServerDips both{IpAddress::parse("198.18.1.3"), IpAddress::parse("2001:db8:1::3")};
    const shoal_server abi = both.to_abi();
    CHECK(abi.flags == (SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6));
    CHECK(abi.dip4 == inet_addr("198.18.1.3"));
    CHECK(ServerDips::from_abi(abi) == both);

    const ServerDips none{};
    CHECK_THROWS_WITH(none.to_abi(), Catch::Contains("needs an IPv4 or IPv6 DIP"));
    const ServerDips swapped{IpAddress::parse("2001:db8::1"), std::nullopt};
    CHECK_THROWS_WITH(swapped.to_abi(), Catch::Contains("wrong family"));
    CHECK_FALSE(ServerDips::from_abi(shoal_server{}).has_value());
}

TEST_CASE("the config converts the GUE port to network order and round-trips", "[unit]")
{
    DataplaneConfig c;
    c.hash_key = {0x0123456789abcdefULL, 0xfedcba9876543210ULL};
    c.self_v4 = IpAddress::parse("198.18.1.1");
    c.self_index = 7;
    c.gue_port = 6080;
    const shoal_config abi = c.to_abi();
    CHECK(abi.gue_port == htons(6080));
    CHECK(abi.self_dip4 == inet_addr("198.18.1.1"));
    CHECK(abi.flags == SHOAL_SERVER_HAS_V4);
    CHECK(DataplaneConfig::from_abi(abi) == c);

    c.self_index = SHOAL_MAX_SERVERS;
    CHECK_THROWS_WITH(c.to_abi(), Catch::Contains("self index 8192"));
}
