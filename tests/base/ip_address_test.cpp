// SPDX-License-Identifier: MIT
// base/ip_address.h and base/asio_endpoint.h: one address type for the config, the maps and
// the tools, and the one HOST:PORT grammar.
#include "base/ip_address.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "base/asio_endpoint.h"

using namespace shoal;

TEST_CASE("addresses parse strictly by family") {
    CHECK(parse_ipv4("198.18.0.1").has_value());
    CHECK_FALSE(parse_ipv4("198.18.0").has_value());
    CHECK_FALSE(parse_ipv4("198.18.0.256").has_value());
    CHECK_FALSE(parse_ipv4("2001:db8::1").has_value());
    CHECK(parse_ipv6("2001:db8::1").has_value());
    CHECK_FALSE(parse_ipv6("198.18.0.1").has_value());
    const auto v4 = parse_ip("198.18.0.1");
    REQUIRE(v4);
    CHECK(v4->is_v4());
    CHECK(v4->bytes[0] == 198);
    CHECK(v4->bytes[4] == 0);  // the rest of the 16 bytes stay zero, as in the map keys
    CHECK(parse_ip("2001:db8::1")->to_string() == "2001:db8::1");
    CHECK(IpAddress{}.to_string() == "(no address)");
}

TEST_CASE("IpAddress::parse throws naming the text") {
    CHECK(IpAddress::parse("198.18.0.10") == *parse_ipv4("198.18.0.10"));
    CHECK_THROWS_AS(IpAddress::parse("198.18.0.300"), std::invalid_argument);
    CHECK_THROWS_WITH(IpAddress::parse("nope"), Catch::Contains("'nope'"));
}

TEST_CASE("addresses go to and from the maps' layout") {
    const auto v4 = IpAddress::parse("198.18.1.3");
    CHECK(IpAddress::from_be32(v4.to_be32()) == v4);
    std::uint8_t raw[16];
    const auto v6 = IpAddress::parse("2001:db8:1::3");
    v6.copy_to(raw);
    CHECK(IpAddress::from_abi(raw, SHOAL_FAMILY_IPV6) == v6);
    CHECK_THROWS_AS(v6.to_be32(), std::invalid_argument);
    CHECK_THROWS_AS(IpAddress::from_abi(raw, 7), std::invalid_argument);
}

TEST_CASE("unicast excludes unspecified, multicast and broadcast") {
    CHECK(parse_ip("198.18.0.1")->is_unicast());
    CHECK_FALSE(parse_ip("0.0.0.0")->is_unicast());
    CHECK(parse_ip("0.0.0.0")->is_unspecified());
    CHECK_FALSE(parse_ip("239.1.1.1")->is_unicast());
    CHECK_FALSE(parse_ip("255.255.255.255")->is_unicast());
    CHECK_FALSE(parse_ip("::")->is_unicast());
    CHECK(parse_ip("::")->is_unspecified());
    CHECK_FALSE(parse_ip("ff02::1")->is_unicast());
    CHECK(parse_ip("2001:db8::1")->is_unicast());
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

TEST_CASE("Endpoint::parse says what is wrong and names the text") {
    CHECK(Endpoint::parse("[2001:db8:100::1]:7001").to_string() == "[2001:db8:100::1]:7001");
    CHECK_THROWS_WITH(Endpoint::parse("2001:db8::1:80"),
                      "endpoint \"2001:db8::1:80\": IPv6 addresses need brackets (expected "
                      "IPv4:PORT or [IPv6]:PORT)");
    CHECK_THROWS_WITH(Endpoint::parse("198.18.0.1:http"),
                      Catch::Contains("the port is not a number in 1..65535"));
    CHECK_THROWS_WITH(Endpoint::parse("host:80"), Catch::Contains("not an IP address"));
    CHECK_THROWS_WITH(Endpoint::parse("[2001:db8::1:80"), Catch::Contains("unclosed '['"));
    CHECK_THROWS_WITH(Endpoint::parse("9469"), Catch::Contains("no ':PORT'"));
}

TEST_CASE("HOST:PORT takes names too, and brackets only around IPv6") {
    const auto named = parse_host_port("etcd-1.example:2379");
    REQUIRE(named);
    CHECK(named->host == "etcd-1.example");
    CHECK(named->port == 2379);
    CHECK_FALSE(named->bracketed);
    const auto v6 = parse_host_port("[2001:db8::1]:2379");
    REQUIRE(v6);
    CHECK(v6->host == "2001:db8::1");
    CHECK(v6->to_string() == "[2001:db8::1]:2379");
    for (const char* text : {"host", "host:", ":80", "2001:db8::1:80", "[::1:80", "host:0"}) {
        INFO(text);
        CHECK_FALSE(parse_host_port(text).has_value());
    }
    CHECK(endpoint_text("::1", std::uint16_t{80}) == "[::1]:80");
    CHECK(endpoint_text("198.18.0.1", "80") == "198.18.0.1:80");
}

TEST_CASE("addresses and endpoints convert to and from Asio") {
    for (const char* text : {"198.18.0.1:80", "[2001:db8::1]:443"}) {
        const auto endpoint = Endpoint::parse(text);
        const auto tcp = to_tcp(endpoint);
        CHECK(to_string(tcp) == text);
        CHECK(from_asio(tcp.address()) == endpoint.address);
        CHECK(to_udp(endpoint).port() == endpoint.port);
    }
}
