// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "dataplane_fixture.h"
#include "dataplane/dataplane_error.h"

using namespace shoal;
using namespace shoal::test;

TEST_CASE("the config is written to the single shoal_config entry as the ABI lays it out",
          "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    DataplaneConfig c;
    c.hash_key = {0x1111, 0x2222};
    c.self_v4 = IpAddress::parse("198.18.1.1");
    c.self_v6 = IpAddress::parse("2001:db8:1::1");
    c.self_index = 5;
    c.gue_port = 6080;
    dp.config().write(c);

    const auto raw = raw_lookup<shoal_config>(dp.maps().config.fd(), std::uint32_t{0});
    CHECK(raw.hash_key[0] == 0x1111);
    CHECK(raw.hash_key[1] == 0x2222);
    CHECK(raw.self_dip4 == inet_addr("198.18.1.1"));
    CHECK(raw.self_dip6[0] == 0x20);
    CHECK(raw.self_dip6[15] == 0x01);
    CHECK(raw.self_index == 5);
    CHECK(raw.gue_port == htons(6080));
    CHECK(raw.flags == (SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6));

    CHECK(raw.icmp_too_big_rate == SHOAL_DEFAULT_ICMP_TOO_BIG_RATE);
    CHECK(raw.icmp_too_big_burst == SHOAL_DEFAULT_ICMP_TOO_BIG_BURST);

    dp.config().set_hash_key({7, 8});
    const auto rekeyed = dp.config().read();
    CHECK(rekeyed.hash_key == std::array<std::uint64_t, 2>{7, 8});
    CHECK(rekeyed.self_index == 5);
}

TEST_CASE("GUE authentication is one shoal_gue_auth entry, replaced whole, absent for mode off",
          "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    CHECK_FALSE(dp.gue_auth().read());

    GueAuthSettings s;
    s.mode = GueAuthMode::enforce;
    s.key = {0x0102030405060708ULL, 0x1112131415161718ULL};
    s.next_key = std::array<std::uint64_t, 2>{0x2122232425262728ULL, 0x3132333435363738ULL};
    dp.gue_auth().write(s);
    const auto raw = raw_lookup<shoal_gue_auth>(dp.maps().gue_auth.fd(), std::uint32_t{0});
    CHECK(raw.mode == SHOAL_GUE_AUTH_ENFORCE);
    CHECK(raw.key[0] == 0x0102030405060708ULL);
    CHECK(raw.key[1] == 0x1112131415161718ULL);
    CHECK(raw.next_key[1] == 0x3132333435363738ULL);
    CHECK(raw.has_next == 1);
    CHECK(dp.gue_auth().read() == s);

    s.mode = GueAuthMode::permissive;
    s.next_key.reset();
    dp.gue_auth().write(s);
    CHECK(dp.gue_auth().read() == s);
    CHECK(raw_lookup<shoal_gue_auth>(dp.maps().gue_auth.fd(), std::uint32_t{0}).has_next == 0);

    dp.gue_auth().clear();
    CHECK_FALSE(dp.gue_auth().read());
}

TEST_CASE("servers are written by index and cleared to an unused entry", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    dp.servers().set(3, ServerDips{IpAddress::parse("198.18.1.3"), IpAddress::parse("2001:db8:1::3")});

    const auto raw = raw_lookup<shoal_server>(dp.maps().servers.fd(), std::uint32_t{3});
    CHECK(raw.dip4 == inet_addr("198.18.1.3"));
    CHECK(raw.dip6[15] == 0x03);
    CHECK(raw.flags == (SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6));
    CHECK(dp.servers().configured()[3]);
    CHECK_FALSE(dp.servers().configured()[4]);

    dp.servers().clear(3);
    CHECK(raw_lookup<shoal_server>(dp.maps().servers.fd(), std::uint32_t{3}).flags == 0);
    CHECK_FALSE(dp.servers().get(3).has_value());
    CHECK_THROWS_WITH(dp.servers().set(SHOAL_MAX_SERVERS, server_v4("198.18.1.9")),
                      Catch::Contains("shoal_servers") && Catch::Contains("8192"));
}

TEST_CASE("replacing all servers clears the ones not listed", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    dp.servers().set(1, server_v4("198.18.1.1"));
    dp.servers().set(2, server_v4("198.18.1.2"));
    dp.servers().replace_all({{2, server_v4("198.18.1.22")}, {9, server_v4("198.18.1.9")}});
    CHECK_FALSE(dp.servers().get(1).has_value());
    CHECK(dp.servers().get(2) == server_v4("198.18.1.22"));
    CHECK(dp.servers().get(9) == server_v4("198.18.1.9"));
}

TEST_CASE("members map outer source addresses to server indexes", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    dp.members().set(IpAddress::parse("198.18.1.2"), 2);
    dp.members().set(IpAddress::parse("2001:db8:1::2"), 2);

    shoal_member_key key{};
    const std::uint8_t v4[4] = {198, 18, 1, 2};
    std::memcpy(key.addr, v4, 4);
    key.family = SHOAL_FAMILY_IPV4;
    CHECK(raw_lookup<shoal_member>(dp.maps().members.fd(), key).server_index == 2);
    CHECK(dp.members().list().size() == 2);

    dp.members().replace_all({{IpAddress::parse("198.18.1.3"), 3}});
    CHECK(dp.members().list() ==
          std::map<IpAddress, std::uint32_t>{{IpAddress::parse("198.18.1.3"), 3}});
    CHECK(dp.members().remove(IpAddress::parse("198.18.1.3")));
    CHECK_FALSE(dp.members().remove(IpAddress::parse("198.18.1.3")));
}

TEST_CASE("a service written before its table points at its empty first slot", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const ServiceKey key{IpAddress::parse("198.18.0.10"), IPPROTO_TCP, 80};
    dp.services().set({key, 4, SHOAL_HASH_SRC_ADDR});

    shoal_service_key raw_key{};
    const std::uint8_t vip[4] = {198, 18, 0, 10};
    std::memcpy(raw_key.addr, vip, 4);
    raw_key.family = SHOAL_FAMILY_IPV4;
    raw_key.proto = IPPROTO_TCP;
    raw_key.port = htons(80);
    const auto raw = raw_lookup<shoal_service>(dp.maps().services.fd(), raw_key);
    CHECK(raw.service_id == 4);
    CHECK(raw.table_slot == 8);
    CHECK(raw.bucket_mask == 0);
    CHECK(raw.hash_mode == SHOAL_HASH_SRC_ADDR);
    CHECK(raw_table(dp, 8).empty());

    CHECK(dp.services().remove(key));
    CHECK_FALSE(dp.services().get(key).has_value());
}

TEST_CASE("a fragment entry carries its service's fragments policy", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const ServiceKey key{IpAddress::parse("2001:db8::10"), IPPROTO_UDP, 0, true};
    dp.services().set({key, 5, SHOAL_HASH_4TUPLE, SHOAL_FRAGMENTS_DROP});
    const auto entries = dp.services().entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].first.family == (SHOAL_FAMILY_IPV6 | SHOAL_FAMILY_FRAGMENTS));
    CHECK(entries[0].second.service_id == 5);
    CHECK(entries[0].second.fragments == SHOAL_FRAGMENTS_DROP);
    CHECK(dp.services().get(key)->fragments == SHOAL_FRAGMENTS_DROP);
    CHECK_FALSE(dp.services().get(ServiceKey{key.vip, IPPROTO_UDP, 0}).has_value());
    CHECK_THROWS_WITH(
        dp.services().set({key, 5, SHOAL_HASH_4TUPLE, static_cast<shoal_fragments>(7)}),
        Catch::Contains("unknown fragments policy 7"));
}

TEST_CASE("shoal_tx_ports holds exactly the interfaces it is given", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const std::uint32_t lo = 1; // in every network namespace
    dp.tx_ports().replace_all({lo});
    CHECK(dp.tx_ports().list() == std::set<std::uint32_t>{lo});
    CHECK_THROWS_WITH(dp.tx_ports().add(999999), Catch::Contains("ifindex 999999"));
    dp.tx_ports().replace_all({});
    CHECK(dp.tx_ports().list().empty());
    CHECK_FALSE(dp.tx_ports().remove(lo));
}

TEST_CASE("a service with an id beyond the counter rows is refused", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const ServiceKey key{IpAddress::parse("2001:db8::10"), IPPROTO_UDP, 53};
    CHECK_THROWS_WITH(dp.services().set({key, SHOAL_MAX_SERVICES}),
                      Catch::Contains("[2001:db8::10]/udp/53") && Catch::Contains("service id 256"));
}

TEST_CASE("a kernel refusal names the operation, map, key and errno text", "[writers]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    const std::uint32_t capacity = dp.maps().services.info().max_entries;
    for (std::uint32_t i = 0; i < capacity; ++i) {
        const ServiceKey key{IpAddress::parse("198.18.0.10"), IPPROTO_TCP,
                             static_cast<std::uint16_t>(i + 1)};
        dp.services().set({key, 1});
    }
    const ServiceKey one_more{IpAddress::parse("198.18.0.11"), IPPROTO_TCP, 80};
    try {
        dp.services().set({one_more, 1});
        FAIL("a full shoal_services accepted another entry");
    } catch (const DataplaneError& e) {
        CHECK(std::string(e.what()) ==
              "update shoal_services key 198.18.0.11/tcp/80: " + errno_text(E2BIG));
        CHECK(e.error_number() == E2BIG);
        CHECK(e.object() == "shoal_services");
    }
}
