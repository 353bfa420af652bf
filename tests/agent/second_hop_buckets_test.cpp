// SPDX-License-Identifier: MIT
// The buckets an agent reports as still busy on it as a second hop: the bucket of each local
// flow is the one the XDP program hashes the client's packets to, and only buckets whose
// second hop is this server count.
#include "agent/second_hop_buckets.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "config/config_error.h"
#include "config/dataplane_records.h"
#include "config/fleet_parser.h"
#include "model/bucket.h"

using namespace shoal;

namespace {

config::FleetConfig lab_fleet() {
    const auto json = nlohmann::json::parse(R"({
      "hash_key": "000102030405060708090a0b0c0d0e0f", "table_bits": 8,
      "servers": [{"name": "srv1", "index": 0, "dip4": "198.18.1.2"},
                  {"name": "srv2", "index": 1, "dip4": "198.18.2.2"}],
      "services": [{"name": "web", "id": 0, "vips": ["198.18.100.1", "2001:db8:100::1"],
                    "protocol": "tcp", "ports": [80], "pool": ["srv1", "srv2"]},
                   {"name": "dns", "id": 1, "vips": ["198.18.100.1"], "protocol": "udp",
                    "ports": [53], "hash": "src_addr", "pool": ["srv1", "srv2"]}]})");
    config::ErrorList errors("test");
    auto fleet = config::parse_fleet(json, "", errors);
    INFO(errors.joined());
    REQUIRE(errors.empty());
    return fleet;
}

agent::LocalFlow local_flow(int family, std::uint8_t proto, const char* vip, std::uint16_t vip_port,
                            const char* client, std::uint16_t client_port) {
    agent::LocalFlow flow;
    flow.family = std::uint8_t(family);
    flow.proto = proto;
    flow.state = 1;  // TCP_ESTABLISHED
    REQUIRE(inet_pton(family, vip, flow.local.data()) == 1);
    REQUIRE(inet_pton(family, client, flow.remote.data()) == 1);
    flow.local_port = htons(vip_port);
    flow.remote_port = htons(client_port);
    return flow;
}

// The bucket the data plane picks for the client's packets (model: same code as the program).
std::uint32_t client_bucket(const config::FleetConfig& fleet, const agent::LocalFlow& local,
                            std::uint8_t hash_mode) {
    const model::Flow flow = agent::client_flow(local);
    const auto self = config::self_record(fleet, "srv2");
    return std::uint32_t(model::flow_hash(self, flow, hash_mode) & (fleet.table_size() - 1));
}

store::Snapshot table_with_second_hop(std::uint16_t second) {
    store::Snapshot snapshot;
    snapshot.generation = 1;
    for (auto [name, id] : {std::pair{"web", 0}, std::pair{"dns", 1}}) {
        store::ServiceTable table;
        table.service = name;
        table.service_id = std::uint16_t(id);
        table.buckets.assign(256, {0, second, {}});
        snapshot.tables.push_back(table);
    }
    return snapshot;
}

}  // namespace

TEST_CASE("a local socket's flow is the client's: remote end as source, ports in host order") {
    const auto local = local_flow(AF_INET, IPPROTO_TCP, "198.18.100.1", 80, "198.18.201.10", 40001);
    const model::Flow flow = agent::client_flow(local);
    CHECK(flow.family == SHOAL_FAMILY_IPV4);
    CHECK(flow.proto == IPPROTO_TCP);
    CHECK(flow.src == local.remote);
    CHECK(flow.dst == local.local);
    CHECK(flow.sport == 40001);
    CHECK(flow.dport == 80);
}

TEST_CASE("each service flow's bucket is reported where this server is the second hop") {
    const auto fleet = lab_fleet();
    const std::vector<agent::LocalFlow> flows = {
        local_flow(AF_INET, IPPROTO_TCP, "198.18.100.1", 80, "198.18.201.10", 40001),
        local_flow(AF_INET6, IPPROTO_TCP, "2001:db8:100::1", 80, "2001:db8:201::1:0", 40002),
        local_flow(AF_INET, IPPROTO_UDP, "198.18.100.1", 53, "198.18.201.11", 40003),
        local_flow(AF_INET, IPPROTO_TCP, "198.18.100.1", 8080, "198.18.201.12",
                   40004),                                                           // no service
        local_flow(AF_INET, IPPROTO_TCP, "198.18.2.2", 80, "198.18.201.13", 40005),  // the DIP
    };
    const auto busy =
        agent::busy_second_hop_buckets(flows, fleet, "srv2", table_with_second_hop(1));
    REQUIRE(busy.size() == 2);
    std::vector<std::uint32_t> web = {client_bucket(fleet, flows[0], SHOAL_HASH_4TUPLE),
                                      client_bucket(fleet, flows[1], SHOAL_HASH_4TUPLE)};
    std::sort(web.begin(), web.end());
    web.erase(std::unique(web.begin(), web.end()), web.end());
    CHECK(busy.at("web") == web);
    CHECK(busy.at("dns") ==
          std::vector<std::uint32_t>{client_bucket(fleet, flows[2], SHOAL_HASH_SRC_ADDR)});
}

TEST_CASE("nothing is reported where another server is the second hop") {
    const auto fleet = lab_fleet();
    const std::vector<agent::LocalFlow> flows = {
        local_flow(AF_INET, IPPROTO_TCP, "198.18.100.1", 80, "198.18.201.10", 40001)};
    CHECK(agent::busy_second_hop_buckets(flows, fleet, "srv2", table_with_second_hop(0)).empty());
    CHECK_FALSE(agent::second_hop_anywhere(fleet, "srv2", table_with_second_hop(0)));
    CHECK(agent::second_hop_anywhere(fleet, "srv2", table_with_second_hop(1)));
    CHECK(
        agent::busy_second_hop_buckets(flows, fleet, "srv2", table_with_second_hop(SHOAL_NO_SERVER))
            .empty());
    auto one = table_with_second_hop(SHOAL_NO_SERVER);
    const auto bucket = client_bucket(fleet, flows[0], SHOAL_HASH_4TUPLE);
    one.tables[0].buckets[bucket].second_hop = 1;
    CHECK(agent::busy_second_hop_buckets(flows, fleet, "srv2", one) ==
          agent::BusyBuckets{{"web", {bucket}}});
}
