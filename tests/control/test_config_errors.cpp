// SPDX-License-Identifier: MIT
// Each kind of config mistake, broken one at a time in a valid document, and the exact
// message it produces: file, JSON path, what was expected.
#include <catch2/catch.hpp>
#include <functional>

#include "config_fixture.h"

using nlohmann::json;
using shoal::test::config_errors;
using shoal::test::valid_config;

namespace {
struct Case {
    const char* name;
    std::function<void(json&)> mutate;
    const char* message;
};

json& server(json& doc, int i) { return doc["fleet"]["servers"][i]; }
json& service(json& doc, int i) { return doc["fleet"]["services"][i]; }

const std::vector<Case> kCases = {
    {"IPv4 DIP that is not an address", [](json& d) { server(d, 2)["dip4"] = "198.18.0"; },
     "shoal.json: /fleet/servers/2/dip4: expected an IPv4 address like 198.18.0.1, got "
     "\"198.18.0\""},
    {"IPv6 address given as dip4", [](json& d) { server(d, 0)["dip4"] = "2001:db8::5"; },
     "shoal.json: /fleet/servers/0/dip4: expected an IPv4 address like 198.18.0.1, got "
     "\"2001:db8::5\""},
    {"multicast DIP", [](json& d) { server(d, 0)["dip4"] = "224.0.0.1"; },
     "shoal.json: /fleet/servers/0/dip4: expected a unicast address, got \"224.0.0.1\" "
     "(unspecified, multicast or broadcast)"},
    {"unknown service field", [](json& d) { service(d, 0)["prot"] = "tcp"; },
     "shoal.json: unknown field /fleet/services/0/prot; expected one of: name, id, vips, protocol, "
     "ports, hash, fragments, pool, health_check"},
    {"unknown top-level field", [](json& d) { d["metric"] = json::object(); },
     "shoal.json: unknown field /metric; expected one of: fleet, store, control, metrics, log, "
     "agent, conductor"},
    {"server without a DIP", [](json& d) { server(d, 2).erase("dip4"); },
     "shoal.json: /fleet/servers/2: missing field \"dip4\" or \"dip6\" (a server needs at least "
     "one DIP)"},
    {"duplicate server name",
     [](json& d) {
         d["fleet"]["servers"].push_back({{"name", "srv1"}, {"index", 9}, {"dip4", "198.18.1.9"}});
     },
     "shoal.json: /fleet/servers/3/name: server name \"srv1\" is already used by "
     "/fleet/servers/0/name"},
    {"duplicate server index", [](json& d) { server(d, 2)["index"] = 1; },
     "shoal.json: /fleet/servers/2/index: server index 1 is already used by "
     "/fleet/servers/1/index"},
    {"server index beyond SHOAL_MAX_SERVERS", [](json& d) { server(d, 2)["index"] = 8192; },
     "shoal.json: /fleet/servers/2/index: expected an integer 0..8191, got 8192"},
    {"negative weight", [](json& d) { server(d, 0)["weight"] = -1; },
     "shoal.json: /fleet/servers/0/weight: expected an integer 0..1000000, got -1"},
    {"fractional weight", [](json& d) { server(d, 0)["weight"] = 1.5; },
     "shoal.json: /fleet/servers/0/weight: expected an integer 0..1000000, got 1.5"},
    {"DIP shared by two servers", [](json& d) { server(d, 1)["dip4"] = "198.18.1.1"; },
     "shoal.json: /fleet/servers/1/dip4: DIP 198.18.1.1 is already used by /fleet/servers/0/dip4"},
    {"no common address family", [](json& d) { server(d, 1).erase("dip4"); },
     "shoal.json: /fleet/servers: server srv3 has only an IPv4 DIP and server srv2 only an IPv6 "
     "DIP: every "
     "server must reach every other over one family"},
    {"bad server name",
     [](json& d) {
         d["fleet"]["servers"].push_back({{"name", "srv 1"}, {"index", 9}, {"dip4", "198.18.1.9"}});
     },
     "shoal.json: /fleet/servers/3/name: expected a name of 1-64 characters: letters, digits, '.', "
     "'_' or '-', "
     "starting with a letter or digit, got \"srv 1\""},
    {"duplicate service id", [](json& d) { service(d, 1)["id"] = 0; },
     "shoal.json: /fleet/services/1/id: service id 0 is already used by /fleet/services/0/id"},
    {"service id beyond SHOAL_MAX_SERVICES", [](json& d) { service(d, 1)["id"] = 256; },
     "shoal.json: /fleet/services/1/id: expected an integer 0..255, got 256"},
    {"duplicate service name", [](json& d) { service(d, 1)["name"] = "web"; },
     "shoal.json: /fleet/services/1/name: service name \"web\" is already used by "
     "/fleet/services/0/name"},
    {"pool member that does not exist", [](json& d) { service(d, 1)["pool"][2] = "srv9"; },
     "shoal.json: /fleet/services/1/pool/2: no server named \"srv9\" in /fleet/servers"},
    {"pool member listed twice",
     [](json& d) {
         service(d, 0)["pool"] = {"srv1", "srv1"};
     },
     "shoal.json: /fleet/services/0/pool: server srv1 is listed more than once"},
    {"pool with no weight",
     [](json& d) {
         service(d, 0)["pool"] = {"srv3"};
         server(d, 2)["weight"] = 0;
     },
     "shoal.json: /fleet/services/0/pool: every member has weight 0; at least one needs a weight "
     "above 0"},
    {"empty pool", [](json& d) { service(d, 0)["pool"] = json::array(); },
     "shoal.json: /fleet/services/0/pool: expected a non-empty array, got an empty array"},
    {"port out of range", [](json& d) { service(d, 0)["ports"][1] = 70000; },
     "shoal.json: /fleet/services/0/ports/1: expected an integer 0..65535, got 70000"},
    {"port as a string", [](json& d) { service(d, 0)["ports"][0] = "80"; },
     "shoal.json: /fleet/services/0/ports/0: expected an integer 0..65535, got \"80\""},
    {"repeated port",
     [](json& d) {
         service(d, 0)["ports"] = {80, 80};
     },
     "shoal.json: /fleet/services/0/ports: port 80 is listed more than once"},
    {"unknown protocol", [](json& d) { service(d, 0)["protocol"] = "sctp"; },
     "shoal.json: /fleet/services/0/protocol: expected one of: tcp, udp; got \"sctp\""},
    {"unknown hash mode", [](json& d) { service(d, 0)["hash"] = "5tuple"; },
     "shoal.json: /fleet/services/0/hash: expected one of: 4tuple, src_addr; got \"5tuple\""},
    {"unknown fragments policy", [](json& d) { service(d, 0)["fragments"] = "keep"; },
     "shoal.json: /fleet/services/0/fragments: expected one of: pass, drop; got \"keep\""},
    {"fragments policy on a src_addr service", [](json& d) { service(d, 1)["fragments"] = "drop"; },
     "shoal.json: /fleet/services/1/fragments: a \"src_addr\" service always steers its "
     "fragments to their datagram's bucket; \"fragments\" is only for a \"4tuple\" service"},
    {"src_addr service sharing its VIP and protocol",
     [](json& d) {
         d["fleet"]["services"].push_back({{"name", "dns-alt"},
                                           {"id", 4},
                                           {"vips", {"198.18.100.53"}},
                                           {"protocol", "udp"},
                                           {"ports", {5353}},
                                           {"pool", {"srv1"}}});
     },
     "shoal.json: /fleet/services/2: 198.18.100.53/udp is also served by /fleet/services/1 "
     "(\"dns\"): a \"src_addr\" service must be the only service on its VIP and protocol, "
     "because fragments carry no ports to tell the services apart"},
    {"services on one VIP and protocol with different fragments policies",
     [](json& d) {
         d["fleet"]["services"].push_back({{"name", "web-alt"},
                                           {"id", 5},
                                           {"vips", {"198.18.100.1"}},
                                           {"protocol", "tcp"},
                                           {"ports", {8080}},
                                           {"fragments", "drop"},
                                           {"pool", {"srv1"}}});
     },
     "shoal.json: /fleet/services/2/fragments: 198.18.100.1/tcp is also served by "
     "/fleet/services/0 (\"web\") with fragments \"pass\", this service has \"drop\": services "
     "on one VIP and protocol share one fragments policy, because fragments carry no ports"},
    {"VIP key served by two services",
     [](json& d) {
         service(d, 1)["vips"] = {"198.18.100.1"};
         service(d, 1)["protocol"] = "tcp";
         service(d, 1)["ports"] = {443};
     },
     "shoal.json: /fleet/services/1: service key 198.18.100.1/tcp/443 is already used by "
     "/fleet/services/0"},
    {"VIP that is a server DIP", [](json& d) { service(d, 1)["vips"][0] = "198.18.1.3"; },
     "shoal.json: /fleet/services/1/vips/0: VIP 198.18.1.3 is also the DIP of server srv3 "
     "(/fleet/servers/2)"},
    {"missing protocol", [](json& d) { service(d, 0).erase("protocol"); },
     "shoal.json: /fleet/services/0: missing field \"protocol\" (expected \"tcp\" or \"udp\")"},
    {"health check timeout not below interval",
     [](json& d) { service(d, 0)["health_check"]["timeout"] = "1s"; },
     "shoal.json: /fleet/services/0/health_check/timeout: expected a timeout above 0 and below the "
     "interval (1s), got 1s"},
    {"health check rise of 0", [](json& d) { service(d, 0)["health_check"]["rise"] = 0; },
     "shoal.json: /fleet/services/0/health_check/rise: expected an integer 1..100, got 0"},
    {"path on a TCP health check", [](json& d) { service(d, 0)["health_check"]["type"] = "tcp"; },
     "shoal.json: /fleet/services/0/health_check/path: only an \"http\" health check has a path"},
    {"duration without a unit", [](json& d) { service(d, 0)["health_check"]["interval"] = "5"; },
     "shoal.json: /fleet/services/0/health_check/interval: expected a duration like \"500ms\", "
     "\"2s\", \"10m\" or "
     "\"1h30m\", got \"5\""},
    {"hash key too short", [](json& d) { d["fleet"]["hash_key"] = "0001"; },
     "shoal.json: /fleet/hash_key: expected exactly 32 hex digits (the 128-bit SipHash key), got "
     "\"0001\""},
    {"hash key not hex",
     [](json& d) { d["fleet"]["hash_key"] = "000102030405060708090a0b0c0d0e0g"; },
     "shoal.json: /fleet/hash_key: expected exactly 32 hex digits (the 128-bit SipHash key), got "
     "\"000102030405060708090a0b0c0d0e0g\""},
    {"missing hash key", [](json& d) { d["fleet"].erase("hash_key"); },
     "shoal.json: /fleet: missing field \"hash_key\" (expected 32 hex digits (the 128-bit SipHash "
     "key))"},
    {"table bits too small", [](json& d) { d["fleet"]["table_bits"] = 7; },
     "shoal.json: /fleet/table_bits: expected an integer 8..22, got 7"},
    {"table bits too large", [](json& d) { d["fleet"]["table_bits"] = 23; },
     "shoal.json: /fleet/table_bits: expected an integer 8..22, got 23"},
    {"etcd store without endpoints",
     [](json& d) {
         d["store"] = {{"type", "etcd"}};
     },
     "shoal.json: /store: missing field \"endpoints\" (expected a non-empty array of etcd URLs)"},
    {"etcd endpoint that is not a URL",
     [](json& d) {
         d["store"] = {{"type", "etcd"}, {"endpoints", {"198.18.0.1:2379"}}};
     },
     "shoal.json: /store/endpoints/0: expected an etcd client URL like "
     "\"https://198.18.0.1:2379\", got \"198.18.0.1:2379\""},
    {"etcd https endpoint without a CA",
     [](json& d) {
         d["store"] = {{"type", "etcd"}, {"endpoints", {"https://198.18.0.1:2379"}}};
     },
     "shoal.json: /store/ca_file: missing: https endpoints need the CA file that signed the etcd "
     "members"},
    {"etcd client certificate without its key",
     [](json& d) {
         d["store"] = {{"type", "etcd"},
                       {"endpoints", {"http://198.18.0.1:2379"}},
                       {"cert_file", "/etc/shoal/client.pem"}};
     },
     "shoal.json: /store/key_file: missing: a client certificate needs both cert_file and "
     "key_file"},
    {"etcd request timeout above half the lease",
     [](json& d) {
         d["store"] = {{"type", "etcd"},
                       {"endpoints", {"http://198.18.0.1:2379"}},
                       {"request_timeout", "6s"}};
     },
     "shoal.json: /store/request_timeout: expected at most half of lease_ttl (10000ms), got "
     "6000ms"},
    {"etcd prefix with a trailing slash",
     [](json& d) {
         d["store"] = {{"type", "etcd"}, {"endpoints", {"http://198.18.0.1:2379"}}, {"prefix", "/a/"}};
     },
     "shoal.json: /store/prefix: expected a key prefix like \"/shoal\" (starts with '/', no "
     "trailing '/', no spaces), got \"/a/\""},
    {"unknown store type",
     [](json& d) {
         d["store"] = {{"type", "s3"}};
     },
     "shoal.json: /store/type: expected one of: file, etcd; got \"s3\""},
    {"relative store path",
     [](json& d) {
         d["store"] = {{"path", "store"}};
     },
     "shoal.json: /store/path: expected an absolute path like \"/var/lib/shoal\", got \"store\""},
    {"metrics endpoint without a port",
     [](json& d) {
         d["metrics"] = {{"listen", "127.0.0.1"}};
     },
     "shoal.json: /metrics/listen: expected an address and port like \"127.0.0.1:9469\" or "
     "\"[::1]:9469\", got "
     "\"127.0.0.1\""},
    {"unknown log level",
     [](json& d) {
         d["log"] = {{"level", "verbose"}};
     },
     "shoal.json: /log/level: expected one of: debug, info, warn, error; got \"verbose\""},
    {"agent's server not in the fleet", [](json& d) { d["agent"]["server"] = "srv9"; },
     "shoal.json: /agent/server: no server named \"srv9\" in /fleet/servers"},
    {"agent interface name too long",
     [](json& d) { d["agent"]["interfaces"][0] = "averyveryverylongname"; },
     "shoal.json: /agent/interfaces/0: expected an interface name like \"eth0\" (1-15 characters, "
     "no '/', ':' or "
     "spaces), got \"averyveryverylongname\""},
    {"unknown XDP mode", [](json& d) { d["agent"]["xdp_mode"] = "offload"; },
     "shoal.json: /agent/xdp_mode: expected one of: native, skb; got \"offload\""},
    {"edge MTU below IPv6's minimum", [](json& d) { d["agent"]["edge_mtu"] = 576; },
     "shoal.json: /agent/edge_mtu: expected an integer 1280..65535, got 576"},
    {"no role",
     [](json& d) {
         d.erase("agent");
         d.erase("conductor");
     },
     "shoal.json: /: expected \"agent\", \"conductor\" or both: they decide the roles this shoald "
     "runs"},
    {"section that is not an object", [](json& d) { d["conductor"] = 5; },
     "shoal.json: /conductor: expected an object, got 5"},
};
}  // namespace

TEST_CASE("the fixture config is valid") { CHECK(config_errors(valid_config()).empty()); }

TEST_CASE("each config mistake is reported with file, path and what was expected") {
    for (const auto& c : kCases) {
        SECTION(c.name) {
            auto doc = valid_config();
            c.mutate(doc);
            const auto errors = config_errors(doc);
            INFO(c.name);
            CAPTURE(errors);
            REQUIRE(errors.size() == 1);
            CHECK(errors[0] == c.message);
        }
    }
}

TEST_CASE("every error in a config is reported, not just the first, one per line") {
    auto doc = valid_config();
    doc["fleet"]["servers"][2]["dip4"] = "198.18.0";
    doc["fleet"]["services"][0]["prot"] = "tcp";
    doc["fleet"]["services"][1]["pool"][0] = "nobody";
    doc["log"] = {{"level", "loud"}};
    try {
        shoal::config::parse_config(doc.dump(), "shoal.json");
        FAIL("parse_config accepted a bad config");
    } catch (const shoal::config::ConfigError& e) {
        CHECK(e.errors().size() == 4);
        const std::string what = e.what();
        CHECK(std::count(what.begin(), what.end(), '\n') == 3);
        CHECK(what.find("/fleet/servers/2/dip4") != std::string::npos);
        CHECK(what.find("unknown field /fleet/services/0/prot") != std::string::npos);
        CHECK(what.find("/fleet/services/1/pool/0: no server named \"nobody\"") !=
              std::string::npos);
        CHECK(what.find("/log/level") != std::string::npos);
    }
}

TEST_CASE("a field that cannot be read does not cause follow-on cross-reference errors") {
    auto doc = valid_config();
    doc["fleet"]["servers"][1]["index"] = "one";  // must not also claim index 0 is taken twice
    doc["fleet"]["servers"][0]["name"] = 17;      // must not claim an empty name is taken twice
    const auto errors = config_errors(doc);
    REQUIRE(errors.size() == 5);
    CHECK(errors[0] ==
          "shoal.json: /fleet/servers/0/name: expected a name of 1-64 characters: letters, digits, "
          "'.', '_' or '-', starting with a letter or digit, got 17");
    CHECK(errors[1] ==
          "shoal.json: /fleet/servers/1/index: expected an integer 0..8191, got \"one\"");
    // srv1 really is gone, so the pools and the agent naming it are reported.
    CHECK(errors[2] ==
          "shoal.json: /fleet/services/0/pool/0: no server named \"srv1\" in /fleet/servers");
    CHECK(errors[3] ==
          "shoal.json: /fleet/services/1/pool/0: no server named \"srv1\" in /fleet/servers");
    CHECK(errors[4] == "shoal.json: /agent/server: no server named \"srv1\" in /fleet/servers");
}

TEST_CASE("JSON syntax errors name the line and column") {
    try {
        shoal::config::parse_config("{\n  \"fleet\": {\n    \"hash_key\": 1,\n  }\n}\n",
                                    "bad.json");
        FAIL("parse_config accepted broken JSON");
    } catch (const shoal::config::ConfigError& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK_THAT(e.errors()[0],
                   Catch::StartsWith("bad.json: invalid JSON: parse error at line 4, column 3:"));
    }
}

TEST_CASE("a field given twice in one object is an error") {
    const std::string text = R"({"fleet": {"hash_key": "000102030405060708090a0b0c0d0e0f",
      "servers": [{"name": "a", "index": 0, "dip4": "198.18.1.1", "index": 1}]}, "conductor": {}})";
    try {
        shoal::config::parse_config(text, "dup.json");
        FAIL("parse_config accepted a duplicate field");
    } catch (const shoal::config::ConfigError& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0] ==
              "dup.json: /fleet/servers/0/index: duplicate field (a field may appear only once)");
    }
}

TEST_CASE("a duplicate field after arrays and objects is reported at its own path") {
    auto doc = shoal::test::valid_config();
    auto text = doc.dump();
    // Repeat "ports" in the second service, after its "pool" array (keys dump sorted).
    const auto at = text.find("\"ports\":[0]");
    REQUIRE(at != std::string::npos);
    text.insert(at, "\"ports\":[53],");
    try {
        shoal::config::parse_config(text, "dup.json");
        FAIL("parse_config accepted a duplicate field");
    } catch (const shoal::config::ConfigError& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0] ==
              "dup.json: /fleet/services/1/ports: duplicate field (a field may appear only once)");
    }
}

TEST_CASE("an unreadable config file is reported with its path and errno text") {
    const auto errors = shoal::config::check_config_file("/nonexistent/shoal.json");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] ==
          "/nonexistent/shoal.json: cannot read the config: No such file or directory");
}
