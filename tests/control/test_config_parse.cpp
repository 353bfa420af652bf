// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <fstream>

#include "config/config_loader.h"
#include "config_fixture.h"
#include "temp_dir.h"

using namespace shoal::config;
using namespace std::chrono_literals;

TEST_CASE("a valid config is read into typed values") {
    const auto config = parse_config(shoal::test::valid_config().dump(), "shoal.json");
    CHECK(config.source == "shoal.json");
    REQUIRE(config.fleet.servers.size() == 3);
    const auto& srv2 = config.fleet.servers[1];
    CHECK(srv2.name == "srv2");
    CHECK(srv2.index == 1);
    CHECK(srv2.dip4->to_string() == "198.18.1.2");
    CHECK(srv2.dip6->to_string() == "2001:db8:1::2");
    CHECK(srv2.weight == 50);
    CHECK_FALSE(config.fleet.servers[2].dip6.has_value());

    REQUIRE(config.fleet.services.size() == 2);
    const auto& web = config.fleet.services[0];
    CHECK(web.protocol == Protocol::tcp);
    CHECK(web.ports == std::vector<std::uint16_t>{80, 443});
    CHECK(web.vips.size() == 2);
    CHECK(web.vips[1].is_v6());
    CHECK(web.hash == HashMode::four_tuple);
    REQUIRE(web.health_check.has_value());
    CHECK(web.health_check->type == HealthCheckType::http);
    CHECK(web.health_check->path == "/healthz");
    const auto& dns = config.fleet.services[1];
    CHECK(dns.protocol == Protocol::udp);
    CHECK(dns.hash == HashMode::src_addr);
    CHECK(dns.ports == std::vector<std::uint16_t>{0});
    CHECK_FALSE(dns.health_check.has_value());

    CHECK(config.runs_agent());
    CHECK(config.runs_conductor());
    REQUIRE(config.own_server() != nullptr);
    CHECK(config.own_server()->name == "srv1");
}

TEST_CASE("omitted fields take the documented defaults") {
    const auto config = parse_config(shoal::test::valid_config().dump(), "shoal.json");
    CHECK(config.fleet.gue_port == 6080);
    CHECK(config.fleet.table_bits == 16);
    CHECK(config.fleet.table_size() == 65536);
    CHECK(config.fleet.chain_window == 10min);
    CHECK_FALSE(config.fleet.max_moves().has_value());
    CHECK(config.fleet.servers[0].weight == 100);
    CHECK_FALSE(config.fleet.services[0].fragments.has_value());  // pass
    const auto& check = *config.fleet.services[0].health_check;
    CHECK(check.interval == 1s);
    CHECK(check.timeout == 500ms);
    CHECK(check.rise == 2);
    CHECK(check.fall == 3);
    CHECK(check.jitter == 0ms);
    CHECK(config.store.type == StoreType::file);
    CHECK(config.store.path == "/var/lib/shoal/store");
    CHECK(config.store.keep_generations == 10);
    CHECK(config.store.check_interval == 1s);
    CHECK(config.control.socket == "/run/shoal/shoald.sock");
    CHECK_FALSE(config.control.tcp.has_value());
    REQUIRE(config.metrics.listen.has_value());
    CHECK(config.metrics.listen->to_string() == "127.0.0.1:9469");
    CHECK(config.log.level == LogLevel::info);
    CHECK(config.agent->xdp_mode == XdpMode::native);
    CHECK(config.agent->bpffs == "/sys/fs/bpf/shoal");
    CHECK(config.agent->report_interval == 2s);
    CHECK(config.agent->edge_mtu == 1500);
    CHECK(config.conductor->state_file == "/var/lib/shoal/operator-state.json");
    CHECK(config.conductor->rebuild_interval == 5s);
}

TEST_CASE("a 4tuple service's fragments policy is read") {
    auto document = shoal::test::valid_config();
    document["fleet"]["services"][0]["fragments"] = "drop";
    auto config = parse_config(document.dump(), "shoal.json");
    CHECK(config.fleet.services[0].fragments == Fragments::drop);
    document["fleet"]["services"][0]["fragments"] = "pass";
    config = parse_config(document.dump(), "shoal.json");
    CHECK(config.fleet.services[0].fragments == Fragments::pass);
}

TEST_CASE("the roles follow the agent and conductor sections") {
    auto doc = shoal::test::valid_config();
    doc.erase("conductor");
    auto agent_only = parse_config(doc.dump(), "a.json");
    CHECK(agent_only.runs_agent());
    CHECK_FALSE(agent_only.runs_conductor());

    doc = shoal::test::valid_config();
    doc.erase("agent");
    auto conductor_only = parse_config(doc.dump(), "c.json");
    CHECK(conductor_only.runs_conductor());
    CHECK_FALSE(conductor_only.runs_agent());
    CHECK(conductor_only.own_server() == nullptr);
}

TEST_CASE("null means absent: metrics off, no TCP control port") {
    auto doc = shoal::test::valid_config();
    doc["metrics"] = {{"listen", nullptr}};
    doc["control"] = {{"tcp", "[::1]:9470"}};
    const auto config = parse_config(doc.dump(), "shoal.json");
    CHECK_FALSE(config.metrics.listen.has_value());
    REQUIRE(config.control.tcp.has_value());
    CHECK(config.control.tcp->to_string() == "[::1]:9470");
}

TEST_CASE("the hash key is read as SipHash's k0 and k1, little-endian") {
    const auto config = parse_config(shoal::test::valid_config().dump(), "shoal.json");
    const auto words = config.fleet.hash_key_words();
    CHECK(words[0] == 0x0706050403020100ULL);
    CHECK(words[1] == 0x0f0e0d0c0b0a0908ULL);
}

TEST_CASE("two parses of one text compare equal; a change compares unequal (reload detection)") {
    const auto text = shoal::test::valid_config().dump();
    const auto a = parse_config(text, "shoal.json");
    const auto b = parse_config(text, "shoal.json");
    CHECK(a == b);
    auto doc = shoal::test::valid_config();
    doc["fleet"]["servers"][0]["weight"] = 99;
    CHECK_FALSE(parse_config(doc.dump(), "shoal.json") == a);
}

TEST_CASE("a config file is read from disk and checked by check_config_file") {
    shoal::test::TempDir dir;
    const auto path = dir / "shoal.json";
    std::ofstream(path) << shoal::test::valid_config().dump(2);
    CHECK(check_config_file(path).empty());
    CHECK(load_config_file(path).source == path.string());

    auto doc = shoal::test::valid_config();
    doc["fleet"]["table_bits"] = 30;
    std::ofstream(path, std::ios::trunc) << doc.dump(2);
    const auto errors = check_config_file(path);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == path.string() + ": /fleet/table_bits: expected an integer 8..22, got 30");
}

TEST_CASE("an etcd store is read with its endpoints, TLS files and timings") {
    auto document = shoal::test::valid_config();
    document["store"] = {{"type", "etcd"},
                         {"endpoints", {"https://198.18.0.1:2379", "https://[2001:db8::1]:2379"}},
                         {"prefix", "/shoal/dc1"},
                         {"ca_file", "/etc/shoal/etcd-ca.pem"},
                         {"cert_file", "/etc/shoal/client.pem"},
                         {"key_file", "/etc/shoal/client-key.pem"},
                         {"request_timeout", "500ms"},
                         {"lease_ttl", "5s"},
                         {"grace", "30s"},
                         {"chunk_bytes", 65536}};
    const auto config = parse_config(document.dump(), "shoal.json");
    CHECK(config.store.type == StoreType::etcd);
    const auto& etcd = config.store.etcd;
    REQUIRE(etcd.endpoints.size() == 2);
    CHECK(etcd.endpoints[0] == EtcdEndpoint{true, "198.18.0.1", 2379});
    CHECK(etcd.endpoints[1].host == "2001:db8::1");
    CHECK(etcd.endpoints[1].url() == "https://[2001:db8::1]:2379");
    CHECK(etcd.prefix == "/shoal/dc1");
    CHECK(etcd.ca_file == "/etc/shoal/etcd-ca.pem");
    CHECK(etcd.cert_file == "/etc/shoal/client.pem");
    CHECK(etcd.key_file == "/etc/shoal/client-key.pem");
    CHECK(etcd.request_timeout == 500ms);
    CHECK(etcd.lease_ttl == 5s);
    CHECK(etcd.grace == 30s);
    CHECK(etcd.chunk_bytes == 65536);
}

TEST_CASE("etcd endpoint URLs: scheme, host and port, nothing else") {
    CHECK(parse_etcd_endpoint("http://localhost:2379") == EtcdEndpoint{false, "localhost", 2379});
    CHECK_FALSE(parse_etcd_endpoint("ftp://198.18.0.1:2379"));
    CHECK_FALSE(parse_etcd_endpoint("http://198.18.0.1"));
    CHECK_FALSE(parse_etcd_endpoint("http://198.18.0.1:2379/v3"));
    CHECK_FALSE(parse_etcd_endpoint("http://198.18.0.1:0"));
    CHECK_FALSE(parse_etcd_endpoint("http://2001:db8::1:2379"));
}
