// SPDX-License-Identifier: MIT
#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "config/config_loader.h"
#include "config/dataplane_records.h"
#include "config_fixture.h"

using namespace shoal::config;

namespace {
FleetConfig fleet() { return parse_config(shoal::test::valid_config().dump(), "shoal.json").fleet; }

std::uint32_t be32_of(const char* text) {
    in_addr a{};
    ::inet_pton(AF_INET, text, &a);
    return a.s_addr;
}
}  // namespace

TEST_CASE("every {VIP, protocol, port} of every service becomes one shoal_services entry") {
    const auto records = service_records(fleet());
    REQUIRE(records.size() == 2 * 2 + 1);  // web: 2 VIPs x 2 ports; dns: 1 x 1
    const auto& first = records[0];
    CHECK(first.key.family == SHOAL_FAMILY_IPV4);
    CHECK(std::memcmp(first.key.addr, "\xc6\x12\x64\x01\0\0\0\0\0\0\0\0\0\0\0\0", 16) == 0);
    CHECK(first.key.proto == IPPROTO_TCP);
    CHECK(first.key.port == htons(80));
    CHECK(first.value.service_id == 0);
    CHECK(first.value.table_slot == 0);
    CHECK(first.value.bucket_mask == 65535);
    CHECK(first.value.hash_mode == SHOAL_HASH_4TUPLE);
    CHECK(records[1].key.port == htons(443));
    CHECK(records[2].key.family == SHOAL_FAMILY_IPV6);
    const auto& dns = records[4];
    CHECK(dns.key.proto == IPPROTO_UDP);
    CHECK(dns.key.port == 0);
    CHECK(dns.value.service_id == 3);
    CHECK(dns.value.table_slot == first_table_slot(3));
    CHECK(dns.value.hash_mode == SHOAL_HASH_SRC_ADDR);
}

TEST_CASE("every {VIP, protocol} of the services becomes one fragment entry") {
    auto document = shoal::test::valid_config();
    document["fleet"]["services"][0]["fragments"] = "drop";
    document["fleet"]["services"].push_back({{"name", "web-alt"},
                                             {"id", 2},
                                             {"vips", {"198.18.100.1"}},
                                             {"protocol", "tcp"},
                                             {"ports", {8080}},
                                             {"fragments", "drop"},
                                             {"pool", {"srv1"}}});
    const auto records = fragment_records(parse_config(document.dump(), "shoal.json").fleet);
    REQUIRE(records.size() == 3);  // web's two VIPs (web-alt shares the first), dns's one
    const auto& web4 = records[0];
    CHECK(web4.key.family == (SHOAL_FAMILY_IPV4 | SHOAL_FAMILY_FRAGMENTS));
    CHECK(web4.key.proto == IPPROTO_TCP);
    CHECK(web4.key.port == 0);
    CHECK(web4.value.service_id == 0);  // the lowest id on 198.18.100.1/tcp
    CHECK(web4.value.fragments == SHOAL_FRAGMENTS_DROP);
    CHECK(records[1].key.family == (SHOAL_FAMILY_IPV6 | SHOAL_FAMILY_FRAGMENTS));
    const auto& dns = records[2];
    CHECK(dns.key.proto == IPPROTO_UDP);
    CHECK(dns.value.service_id == 3);
    CHECK(dns.value.hash_mode == SHOAL_HASH_SRC_ADDR);
    CHECK(dns.value.table_slot == first_table_slot(3));
    CHECK(dataplane_records(fleet(), "srv1").fragments.size() == 3);
}

TEST_CASE("servers become shoal_servers entries with their DIPs and flags") {
    const auto records = server_records(fleet());
    REQUIRE(records.size() == 3);
    CHECK(records[0].index == 0);
    CHECK(records[0].value.dip4 == be32_of("198.18.1.1"));
    CHECK(records[0].value.flags == (SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6));
    CHECK(records[0].value.dip6[0] == 0x20);
    CHECK(records[0].value.dip6[15] == 0x01);
    CHECK(records[2].index == 7);
    CHECK(records[2].value.flags == SHOAL_SERVER_HAS_V4);
}

TEST_CASE("every DIP of every server is a member mapping to its index") {
    const auto records = member_records(fleet());
    REQUIRE(records.size() == 5);  // srv1, srv2: two DIPs each; srv3: one
    CHECK(records[4].key.family == SHOAL_FAMILY_IPV4);
    CHECK(records[4].value.server_index == 7);
    CHECK(records[1].key.family == SHOAL_FAMILY_IPV6);
    CHECK(records[1].value.server_index == 0);
}

TEST_CASE("the agent's own shoal_config carries the key, its index, DIPs and the GUE port") {
    const auto self = self_record(fleet(), "srv2");
    CHECK(self.hash_key[0] == 0x0706050403020100ULL);
    CHECK(self.hash_key[1] == 0x0f0e0d0c0b0a0908ULL);
    CHECK(self.self_index == 1);
    CHECK(self.self_dip4 == be32_of("198.18.1.2"));
    CHECK(self.gue_port == htons(6080));
    CHECK(self.flags == (SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6));
    CHECK_THROWS_WITH(self_record(fleet(), "srv9"), "server \"srv9\" is not in the fleet config");
}

TEST_CASE("dataplane_records bundles all four") {
    const auto records = dataplane_records(fleet(), "srv3");
    CHECK(records.self.self_index == 7);
    CHECK(records.self.flags == SHOAL_SERVER_HAS_V4);
    CHECK(records.services.size() == 5);
    CHECK(records.servers.size() == 3);
    CHECK(records.members.size() == 5);
}
