// SPDX-License-Identifier: MIT
#include <netinet/in.h>

#include <catch2/catch.hpp>

#include "dataplane/dataplane_error.h"
#include "dataplane_fixture.h"

using namespace shoal;
using namespace shoal::test;

namespace {

const ServiceKey kWeb{IpAddress::parse("198.18.0.10"), IPPROTO_TCP, 80};
const ServiceKey kWeb6{IpAddress::parse("2001:db8::10"), IPPROTO_TCP, 80};
constexpr std::uint32_t kService = 3;

// A loaded data plane with servers 1, 2 and 3 configured.
Dataplane with_servers(const TestBpffs& bpffs) {
    Dataplane dp = Dataplane::load(options_in(bpffs));
    for (std::uint32_t i = 1; i <= 3; ++i)
        dp.servers().set(i, server_v4("198.18.1." + std::to_string(i)));
    return dp;
}

shoal_service service_entry(const Dataplane& dp, const ServiceKey& key) {
    return raw_lookup<shoal_service>(dp.maps().services.fd(), key.to_abi());
}

bool same(const std::vector<shoal_bucket>& a, const std::vector<shoal_bucket>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](const shoal_bucket& x, const shoal_bucket& y) {
                                                  return x.first_hop == y.first_hop &&
                                                         x.second_hop == y.second_hop;
                                              });
}

}  // namespace

TEST_CASE("a published table is live in the service's slot and set_service points at it",
          "[tables]") {
    TestBpffs bpffs;
    const Dataplane dp = with_servers(bpffs);
    const auto table = cycling_table(1u << 16, {1, 2, 3});
    const PublishedTable published = dp.tables().publish(kService, table);
    CHECK(published.slot / 2 == kService);
    CHECK(published.size == (1u << 16));

    dp.services().set({kWeb, kService});
    const shoal_service entry = service_entry(dp, kWeb);
    CHECK(entry.service_id == kService);
    CHECK(entry.table_slot == published.slot);
    CHECK(entry.bucket_mask == (1u << 16) - 1);
    CHECK(same(raw_table(dp, published.slot), table));
    CHECK(same(dp.table_slots().read(published.slot), table));
}

TEST_CASE(
    "republishing swaps every entry of the service to the other slot and keeps the old "
    "table there",
    "[tables]") {
    TestBpffs bpffs;
    const Dataplane dp = with_servers(bpffs);
    const auto old_table = cycling_table(256, {1, 2});
    const PublishedTable first = dp.tables().publish(kService, old_table);
    dp.services().set({kWeb, kService});
    dp.services().set({kWeb6, kService});
    dp.services().set({ServiceKey{IpAddress::parse("198.18.0.20"), IPPROTO_UDP, 0}, kService + 1});

    const auto new_table = cycling_table(1u << 12, {3, 1});
    const PublishedTable second = dp.tables().publish(kService, new_table);
    CHECK(second.slot == (first.slot ^ 1));
    CHECK(second.previous_slot == first.slot);
    CHECK(second.services_repointed == 2);
    for (const ServiceKey& key : {kWeb, kWeb6}) {
        const shoal_service entry = service_entry(dp, key);
        CHECK(entry.table_slot == second.slot);
        CHECK(entry.bucket_mask == (1u << 12) - 1);
    }
    // Another service is not touched.
    const auto other =
        service_entry(dp, ServiceKey{IpAddress::parse("198.18.0.20"), IPPROTO_UDP, 0});
    CHECK(other.table_slot == 2 * (kService + 1));
    CHECK(same(raw_table(dp, second.slot), new_table));
    CHECK(same(raw_table(dp, first.slot), old_table));

    // A third publish reuses the first slot, now free.
    const PublishedTable third = dp.tables().publish(kService, cycling_table(512, {2}));
    CHECK(third.slot == first.slot);
    CHECK(service_entry(dp, kWeb).bucket_mask == 511);
}

TEST_CASE("a service set before its first table is repointed by the publish", "[tables]") {
    TestBpffs bpffs;
    const Dataplane dp = with_servers(bpffs);
    dp.services().set({kWeb, kService});
    const PublishedTable published = dp.tables().publish(kService, cycling_table(256, {1}));
    CHECK(published.services_repointed == 1);
    CHECK(service_entry(dp, kWeb).table_slot == published.slot);
    CHECK(service_entry(dp, kWeb).bucket_mask == 255);
}

TEST_CASE("an invalid table is refused with a clear error and the live table is unchanged",
          "[tables]") {
    TestBpffs bpffs;
    const Dataplane dp = with_servers(bpffs);
    const auto live = cycling_table(1024, {1, 2, 3});
    const PublishedTable published = dp.tables().publish(kService, live);
    dp.services().set({kWeb, kService});
    const std::uint32_t other_slot = published.slot ^ 1;

    auto not_configured = live;
    not_configured[100].first_hop = 7;
    auto empty_hop = live;
    empty_hop[5].first_hop = SHOAL_NO_SERVER;

    CHECK_THROWS_WITH(
        dp.tables().publish(kService, cycling_table(1000, {1})),
        Catch::Contains("publish table for service 3") && Catch::Contains("size 1000"));
    CHECK_THROWS_WITH(dp.tables().publish(kService, cycling_table(128, {1})),
                      Catch::Contains("size 128"));
    CHECK_THROWS_WITH(
        dp.tables().publish(kService, not_configured),
        Catch::Contains("bucket 100") && Catch::Contains("first hop 7 is not a configured server"));
    CHECK_THROWS_WITH(dp.tables().publish(kService, empty_hop),
                      Catch::Contains("bucket 5") && Catch::Contains("empty first hop"));

    const shoal_service entry = service_entry(dp, kWeb);
    CHECK(entry.table_slot == published.slot);
    CHECK(entry.bucket_mask == 1023);
    CHECK(same(raw_table(dp, published.slot), live));
    CHECK(raw_table(dp, other_slot).empty());

    // Explicitly allowed, an empty first hop goes through.
    CHECK(dp.tables().publish(kService, empty_hop, {.allow_empty_first_hops = true}).slot ==
          other_slot);
}

TEST_CASE("a table is removed only once no service uses it", "[tables]") {
    TestBpffs bpffs;
    const Dataplane dp = with_servers(bpffs);
    const PublishedTable published = dp.tables().publish(kService, cycling_table(256, {1}));
    dp.services().set({kWeb, kService});
    CHECK_THROWS_WITH(dp.tables().remove(kService),
                      Catch::Contains("198.18.0.10/tcp/80 still uses it"));
    dp.services().remove(kWeb);
    dp.tables().remove(kService);
    CHECK(raw_table(dp, published.slot).empty());
}

TEST_CASE("the largest table is filled and published whole", "[tables]") {
    TestBpffs bpffs;
    const Dataplane dp = with_servers(bpffs);
    const auto table = cycling_table(1u << SHOAL_MAX_TABLE_BITS, {1, 2, 3});
    const PublishedTable published = dp.tables().publish(0, table);
    CHECK(same(dp.table_slots().read(published.slot), table));
}
