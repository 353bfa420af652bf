// SPDX-License-Identifier: MIT
// shoald end to end on one machine: a real daemon (agent + conductor, file store) in a
// throwaway namespace with XDP on a veth, driven through its control API like shoalctl.
#include <bpf/bpf.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <optional>
#include <thread>

#include "api/api_client.h"
#include "daemon_process.h"
#include "dataplane/dataplane.h"
#include "netns/command.h"
#include "netns/netns.h"
#include "netns/test_bpffs.h"
#include "netns/veth_pair.h"
#include "packet/packet.h"

using namespace std::chrono_literals;
using shoal::api::ApiAddress;
using shoal::api::ApiClient;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds deadline) {
    for (auto until = Clock::now() + deadline; Clock::now() < until;) {
        if (pred()) return true;
        std::this_thread::sleep_for(50ms);  // polling another process's state
    }
    return pred();
}

struct DaemonLab {
    shoal::test::TestBpffs bpffs;
    shoal::test::Netns ns{"shoal-daemon"};
    shoal::test::VethPair veth{ns, "lb0", ns, "lb0p"};
    std::filesystem::path dir;
    shoal::test::NotifyListener notify;

    DaemonLab() {
        char tmpl[] = "/tmp/shoald-test-XXXXXX";
        dir = mkdtemp(tmpl);
        ns.add_address("lb0", "198.18.0.1/24");
        write_config(config());
    }
    ~DaemonLab() { std::filesystem::remove_all(dir); }

    std::string pin_dir() const { return bpffs.subdir("shoal"); }
    std::string config_path() const { return (dir / "shoal.json").string(); }

    json config() const {
        return {{"fleet",
                 {{"hash_key", "000102030405060708090a0b0c0d0e0f"},
                  {"table_bits", 8},
                  {"servers",
                   {{{"name", "srv1"}, {"index", 0}, {"dip4", "198.18.0.1"}, {"weight", 100}},
                    {{"name", "srv2"}, {"index", 1}, {"dip4", "198.18.0.2"}, {"weight", 100}}}},
                  {"services",
                   {{{"name", "web"}, {"id", 0}, {"vips", {"198.18.100.1"}}, {"protocol", "tcp"},
                     {"ports", {80}}, {"pool", {"srv1", "srv2"}}}}}}},
                {"store", {{"type", "file"}, {"path", (dir / "store").string()}}},
                {"control", {{"socket", (dir / "shoald.sock").string()}}},
                {"metrics", {{"listen", "127.0.0.1:9469"}}},
                {"agent",
                 {{"server", "srv1"}, {"interfaces", {"lb0"}}, {"bpffs", pin_dir()},
                  {"report_interval", "200ms"}}},
                {"conductor",
                 {{"state_file", (dir / "operator-state.json").string()}, {"rebuild_interval", "500ms"}}}};
    }
    void write_config(const json& j) const { std::ofstream(config_path()) << j.dump(2); }

    std::unique_ptr<shoal::test::DaemonProcess> start() {
        return std::make_unique<shoal::test::DaemonProcess>(
            ns.path(), SHOALD_BINARY, std::vector<std::string>{"--config", config_path()},
            std::map<std::string, std::string>{{"NOTIFY_SOCKET", notify.path()}, {"WATCHDOG_USEC", "400000"}});
    }
    ApiClient client() const { return ApiClient(ApiAddress::unix_socket((dir / "shoald.sock").string()), 5s); }

    json status() const {
        auto r = client().get("/v1/status");
        REQUIRE(r.ok());
        return r.body;
    }
    std::uint64_t applied() const {
        auto s = status();
        return s["agent"]["applied_generation"].get<std::uint64_t>();
    }
};

// Counts first hops of the live table of service 0, read straight from the kernel's maps.
std::map<std::uint16_t, int> live_first_hops(const shoal::Dataplane& dp) {
    std::map<std::uint16_t, int> counts;
    auto live = dp.table_slots().live(0);
    REQUIRE(live);
    for (const auto& b : dp.table_slots().read(live->slot)) ++counts[b.first_hop];
    return counts;
}

// Sends n SYNs to the service's VIP through the attached program; returns service 0's packets.
std::uint64_t run_packets(const shoal::Dataplane& dp, int ifindex, int n) {
    auto frame = shoal::test::Packet()
                     .eth(shoal::test::Mac::parse("02:00:00:00:00:01"), shoal::test::Mac::parse("02:00:00:00:00:fe"))
                     .ipv4(shoal::test::IpAddr::parse("198.18.200.1"), shoal::test::IpAddr::parse("198.18.100.1"))
                     .tcp(40000, 80)
                     .flags(shoal::test::tcp_flags::SYN)
                     .build();
    std::vector<std::uint8_t> out(frame.size() + 256);
    xdp_md ctx{};
    ctx.data_end = static_cast<__u32>(frame.size());  // the frame's length, or the kernel runs on 0 bytes
    ctx.ingress_ifindex = static_cast<__u32>(ifindex);
    for (int i = 0; i < n; ++i) {
        LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame.data(), .data_out = out.data(),
                    .data_size_in = static_cast<__u32>(frame.size()),
                    .data_size_out = static_cast<__u32>(out.size()), .ctx_in = &ctx,
                    .ctx_size_in = sizeof(ctx), .repeat = 1);
        REQUIRE(bpf_prog_test_run_opts(dp.program_fd(), &opts) == 0);
    }
    // Only the service's row: stray link traffic (IPv6 ND on the veth) counts in the "no
    // service" row and must not make the count race.
    const auto stats = dp.stats().read();
    std::uint64_t total = 0;
    for (const auto& c : stats.rows.at(0)) total += c.packets;
    return total;
}

}  // namespace

TEST_CASE("shoald serves its API, drains, refuses a bad reload and restarts without touching the table") {
    DaemonLab lab;
    auto daemon = lab.start();
    INFO("shoald log:\n" << daemon->log());
    REQUIRE(lab.notify.wait_for("READY=1", 20s));
    REQUIRE(lab.notify.wait_for("WATCHDOG=1", 5s));

    // The socket is 0660 and the first generation is published and applied.
    struct stat st {};
    REQUIRE(stat((lab.dir / "shoald.sock").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0660);
    auto status = lab.status();
    CHECK(status["daemon"]["roles"] == json({"agent", "conductor"}));
    REQUIRE(status["generation"].is_number());
    const auto first_generation = status["generation"].get<std::uint64_t>();
    REQUIRE(eventually([&] { return lab.applied() == first_generation; }, 10s));
    REQUIRE(status["servers"].size() == 2);
    CHECK(status["servers"][0]["buckets"].get<int>() + status["servers"][1]["buckets"].get<int>() == 256);

    shoal::test::EnterNetns in_ns(lab.ns);
    const int ifindex = lab.ns.ifindex("lb0");
    {
        auto dp = shoal::Dataplane::adopt(lab.pin_dir());
        REQUIRE(dp.attachment("lb0"));
        auto hops = live_first_hops(dp);
        CHECK(hops[0] == status["servers"][0]["buckets"].get<int>());
        CHECK(hops[1] == status["servers"][1]["buckets"].get<int>());
    }

    SECTION("drain moves every bucket off the server, in the live map, and undrain brings them back") {
        auto r = lab.client().post("/v1/servers/srv2/drain");
        REQUIRE(r.ok());
        CHECK(r.body["changed"] == true);
        const auto drained_generation = r.body["generation"].get<std::uint64_t>();
        CHECK(drained_generation > first_generation);
        REQUIRE(eventually([&] { return lab.applied() >= drained_generation; }, 10s));
        auto dp = shoal::Dataplane::adopt(lab.pin_dir());
        CHECK(live_first_hops(dp) == std::map<std::uint16_t, int>{{0, 256}});
        CHECK(lab.status()["servers"][1]["state"] == "draining");

        auto again = lab.client().post("/v1/servers/srv2/drain");
        CHECK(again.body["changed"] == false);
        CHECK(lab.client().post("/v1/servers/nosuch/drain").status == 404);

        auto undrain = lab.client().post("/v1/servers/srv2/undrain");
        REQUIRE(undrain.ok());
        REQUIRE(eventually([&] { return lab.applied() >= undrain.body["generation"].get<std::uint64_t>(); }, 10s));
        CHECK(live_first_hops(dp)[1] == 128);
    }

    SECTION("a bad config on reload is refused and the old one stays live") {
        auto bad = lab.config();
        bad["fleet"]["services"][0]["prot"] = "tcp";
        lab.write_config(bad);
        auto r = lab.client().post("/v1/reload");
        CHECK(r.status == 409);
        CHECK(r.error_message().find("/fleet/services/0/prot") != std::string::npos);
        daemon->signal(SIGHUP);
        REQUIRE(eventually([&] { return daemon->log().find("reload_refused") != std::string::npos; }, 5s));
        CHECK(lab.status()["services"][0]["name"] == "web");  // still serving

        lab.write_config(lab.config());
        CHECK(lab.client().post("/v1/reload").ok());
    }

    SECTION("metrics pass promtool") {
        auto out = shoal::test::run_command(
            {"sh", "-c",
             "nsenter --net=" + lab.ns.path() +
                 " curl -sf http://127.0.0.1:9469/metrics > " + (lab.dir / "metrics.txt").string() +
                 " && promtool check metrics < " + (lab.dir / "metrics.txt").string()});
        std::ifstream in(lab.dir / "metrics.txt");
        std::string text((std::istreambuf_iterator<char>(in)), {});
        CHECK(text.find("shoal_table_generation") != std::string::npos);
        CHECK(text.find("shoal_xdp_mode{interface=\"lb0\",mode=\"native\"} 1") != std::string::npos);
    }

    SECTION("after kill -9 the data plane forwards on, and a restart adopts it untouched") {
        auto dp = shoal::Dataplane::adopt(lab.pin_dir());
        const auto counted = run_packets(dp, ifindex, 10);
        const auto live_before = dp.table_slots().live(0);
        const auto inner_before = dp.table_slots().inner_map_id(live_before->slot);

        daemon->signal(SIGKILL);
        REQUIRE(daemon->wait(10s) == 128 + SIGKILL);
        REQUIRE(dp.attachment("lb0"));                     // still attached
        CHECK(run_packets(dp, ifindex, 0) == counted);     // counters kept
        CHECK(run_packets(dp, ifindex, 5) == counted + 5); // and still counting

        daemon = lab.start();
        REQUIRE(eventually([&] {
            try { return lab.status()["agent"]["adopted"] == true; } catch (...) { return false; }
        }, 20s));
        REQUIRE(eventually([&] { return lab.applied() == first_generation; }, 10s));
        const auto live_after = dp.table_slots().live(0);
        CHECK(live_after->slot == live_before->slot);
        CHECK(dp.table_slots().inner_map_id(live_after->slot) == inner_before);  // never republished
        CHECK(run_packets(dp, ifindex, 0) == counted + 5);
    }

    SECTION("SIGTERM leaves the data plane forwarding; detach removes it") {
        auto r = lab.client().post("/v1/detach");
        REQUIRE(r.ok());
        CHECK(r.body["detached"] == json({"lb0"}));
        auto dp_gone = [&] {
            try { shoal::Dataplane::adopt(lab.pin_dir()); return false; } catch (...) { return true; }
        };
        CHECK(dp_gone());
        daemon->signal(SIGTERM);
        CHECK(daemon->wait(10s) == 0);
        CHECK(lab.notify.wait_for("STOPPING=1", 1s));
    }
}

TEST_CASE("SIGTERM stops shoald cleanly and leaves XDP attached") {
    DaemonLab lab;
    auto daemon = lab.start();
    INFO("shoald log:\n" << daemon->log());
    REQUIRE(lab.notify.wait_for("READY=1", 20s));
    daemon->signal(SIGTERM);
    REQUIRE(daemon->wait(10s) == 0);
    CHECK(lab.notify.wait_for("STOPPING=1", 1s));
    shoal::test::EnterNetns in_ns(lab.ns);
    auto dp = shoal::Dataplane::adopt(lab.pin_dir());
    CHECK(dp.attachment("lb0"));
    dp.detach("lb0");
}

namespace {

// A GUE key file as an operator makes one: 32 hex digits, a newline, mode 0600.
std::string write_key(const DaemonLab& lab, const std::string& name, const std::string& hex) {
    const auto path = (lab.dir / name).string();
    std::ofstream(path) << hex << "\n";
    REQUIRE(::chmod(path.c_str(), 0600) == 0);
    return path;
}

// hex (32 digits) as SipHash's k0 and k1: bytes 0-7 and 8-15 little-endian.
std::array<std::uint64_t, 2> words(const std::string& hex) {
    std::array<std::uint64_t, 2> w{};
    for (int i = 15; i >= 0; --i)
        w[i / 8] = w[i / 8] << 8 | std::stoul(hex.substr(2 * i, 2), nullptr, 16);
    return w;
}

}  // namespace

TEST_CASE("the agent writes GUE keys and ICMP limits to the data plane; a reload rotates them, a "
          "bad key file is refused and the last good keys stay") {
    const std::string k1 = "00112233445566778899aabbccddeeff";
    const std::string k2 = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    DaemonLab lab;
    const auto key1 = write_key(lab, "gue-1.key", k1);
    const auto key2 = write_key(lab, "gue-2.key", k2);
    auto config = lab.config();
    config["agent"]["gue_auth"] = {{"mode", "permissive"}, {"key_file", key1}};
    config["agent"]["icmp_too_big"] = {{"rate", 200}, {"burst", 7}};
    lab.write_config(config);
    auto daemon = lab.start();
    INFO("shoald log:\n" << daemon->log());
    REQUIRE(lab.notify.wait_for("READY=1", 20s));

    const auto dp = shoal::Dataplane::adopt(lab.pin_dir());
    auto auth = dp.gue_auth().read();
    REQUIRE(auth);
    CHECK(auth->mode == shoal::GueAuthMode::permissive);
    CHECK(auth->key == words(k1));
    CHECK_FALSE(auth->next_key);
    CHECK(dp.config().read().icmp_too_big_rate == 200);
    CHECK(dp.config().read().icmp_too_big_burst == 7);

    // Rotation, step 1 and enforce at once: the next key verifies too.
    config["agent"]["gue_auth"] = {{"mode", "enforce"}, {"key_file", key1}, {"next_key_file", key2}};
    lab.write_config(config);
    REQUIRE(lab.client().post("/v1/reload").ok());
    auth = dp.gue_auth().read();
    REQUIRE(auth);
    CHECK(auth->mode == shoal::GueAuthMode::enforce);
    CHECK(auth->key == words(k1));
    CHECK(auth->next_key == words(k2));

    // A key file others may read is refused on reload; the data plane keeps what it had.
    config["agent"]["gue_auth"] = {{"mode", "enforce"}, {"key_file", key2}, {"next_key_file", key1}};
    lab.write_config(config);
    REQUIRE(::chmod(key2.c_str(), 0644) == 0);
    auto refused = lab.client().post("/v1/reload");
    CHECK(refused.status == 409);
    CHECK(refused.error_message().find(key2 + " has mode 0644") != std::string::npos);
    CHECK(dp.gue_auth().read() == auth);

    // Fixed, the rotation's step 2 goes through: the new key signs.
    REQUIRE(::chmod(key2.c_str(), 0600) == 0);
    REQUIRE(lab.client().post("/v1/reload").ok());
    auth = dp.gue_auth().read();
    REQUIRE(auth);
    CHECK(auth->key == words(k2));
    CHECK(auth->next_key == words(k1));

    // Mode off removes the entry.
    config["agent"]["gue_auth"] = {{"mode", "off"}};
    lab.write_config(config);
    REQUIRE(lab.client().post("/v1/reload").ok());
    CHECK_FALSE(dp.gue_auth().read());

    daemon->signal(SIGTERM);
    CHECK(daemon->wait(10s) == 0);
    shoal::test::EnterNetns in_ns(lab.ns);
    dp.detach("lb0");
}
