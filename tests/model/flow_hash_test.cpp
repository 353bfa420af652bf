// SPDX-License-Identifier: MIT
#include <netinet/in.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "model/bucket.h"
#include "world.h"

using namespace shoal;
using namespace shoal::cases;

namespace {

model::Flow flow(const IpAddr& src, const IpAddr& dst, std::uint16_t sport, std::uint16_t dport,
                 std::uint8_t proto = IPPROTO_TCP) {
    model::Flow f;
    f.family = src.is_v4() ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
    f.proto = proto;
    std::memcpy(f.src.data(), src.bytes.data(), 16);
    std::memcpy(f.dst.data(), dst.bytes.data(), 16);
    f.sport = sport;
    f.dport = dport;
    return f;
}

}  // namespace

TEST_CASE("IPv4 4-tuple words pack raw network-order bytes as little-endian", "[hash]") {
    const auto m = model::flow_words(flow(test::ip("1.2.3.4"), test::ip("5.6.7.8"), 0x1234, 80),
                                     SHOAL_HASH_4TUPLE);
    REQUIRE(m.count == 2);
    CHECK(m.w[0] == 0x0807060504030201ULL);
    // sport 0x1234 -> bytes 12 34 -> 0x3412; dport 80 -> 00 50 -> 0x5000
    CHECK(m.w[1] == (0x3412ULL | 0x5000ULL << 16 | 6ULL << 32 | 4ULL << 40));
}

TEST_CASE("IPv6 4-tuple words take both addresses in two words each", "[hash]") {
    const auto m =
        model::flow_words(flow(test::ip("2001:db8::1"), test::ip("2001:db8::2"), 1, 2, IPPROTO_UDP),
                          SHOAL_HASH_4TUPLE);
    REQUIRE(m.count == 5);
    CHECK(m.w[0] == 0x00000000b80d0120ULL);
    CHECK(m.w[1] == 0x0100000000000000ULL);
    CHECK(m.w[3] == 0x0200000000000000ULL);
    CHECK(m.w[4] == (0x0100ULL | 0x0200ULL << 16 | 17ULL << 32 | 6ULL << 40));
}

TEST_CASE("source-address words leave ports and protocol out", "[hash]") {
    const auto a = model::flow_words(flow(test::ip("1.2.3.4"), test::ip("5.6.7.8"), 1, 80),
                                     SHOAL_HASH_SRC_ADDR);
    REQUIRE(a.count == 2);
    CHECK(a.w[0] == 0x04030201ULL);
    CHECK(a.w[1] == (4ULL << 40 | 1ULL << 48));
    const auto v6 = model::flow_words(flow(test::ip("2001:db8::1"), test::ip("2001:db8::2"), 1, 2),
                                      SHOAL_HASH_SRC_ADDR);
    CHECK(v6.count == 3);
}

TEST_CASE("an unknown hash mode hashes the 4-tuple", "[hash]") {
    const auto f = flow(test::ip("1.2.3.4"), test::ip("5.6.7.8"), 1, 80);
    const auto m = model::flow_words(f, 7);
    const auto four = model::flow_words(f, SHOAL_HASH_4TUPLE);
    REQUIRE(m.count == four.count);
    CHECK(std::memcmp(m.w, four.w, sizeof(m.w)) == 0);
}

TEST_CASE("the model's flow hash equals the hash computed from the header's word layout",
          "[hash]") {
    const World w = base_world();
    for (const auto& [src, dst] :
         {std::pair{kClient4, vip(kPeerTcp4)}, std::pair{kClient6, vip(kPeerTcp6)}}) {
        for (bool source : {false, true}) {
            const auto f = flow(src, dst, 40000, 443, IPPROTO_UDP);
            CHECK(model::flow_hash(w.state.config, f,
                                   source ? SHOAL_HASH_SRC_ADDR : SHOAL_HASH_4TUPLE) ==
                  expected_hash(w, {src, dst, 40000, 443, IPPROTO_UDP, source}));
        }
    }
}

TEST_CASE("the hash depends on the key", "[hash]") {
    World w = base_world();
    const auto f = flow(kClient4, vip(kPeerTcp4), 40000, 80);
    const std::uint64_t before = model::flow_hash(w.state.config, f, SHOAL_HASH_4TUPLE);
    w.state.config.hash_key[1] ^= 1;
    CHECK(model::flow_hash(w.state.config, f, SHOAL_HASH_4TUPLE) != before);
}

TEST_CASE("bucket lookup drops a table slot past the outer map", "[hash]") {
    World w = base_world();
    shoal_service svc{};
    svc.table_slot = SHOAL_TABLE_SLOTS;
    svc.bucket_mask = 0;
    w.state.tables[SHOAL_TABLE_SLOTS] = {shoal_bucket{kPeer, SHOAL_NO_SERVER}};
    CHECK_FALSE(model::lookup_bucket(w.state, svc, 0));
    svc.table_slot = kPeerTcp4;
    REQUIRE(model::lookup_bucket(w.state, svc, 0));
    CHECK(model::lookup_bucket(w.state, svc, 0)->first_hop == kPeer);
}
