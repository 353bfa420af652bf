// SPDX-License-Identifier: MIT
// The real shoalctl binary against a real ApiServer serving documented answers: each
// verb's human and JSON output, the requests it sends, and its exit codes.
#include <catch2/catch.hpp>

#include "canned_answers.h"
#include "cli/views.h"
#include "shoalctl_run.h"
#include "support/temp_dir.h"

using namespace shoal::test;
using nlohmann::json;

TEST_CASE("status prints the servers table and exits 0") {
    CannedDaemon daemon;
    const auto run = shoalctl(daemon, {"status"});
    CHECK(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK_THAT(run.out, Catch::StartsWith("shoald 0.1.0 (agent, conductor)"));
    CHECK_THAT(run.out, Catch::Contains("SERVER  STATE   HEALTH  WEIGHT"));
    CHECK_THAT(run.out, Catch::Contains("srv2    active  up         100"));
    CHECK_THAT(run.out,
               Catch::Contains("3 servers: 2 active, 0 draining, 1 down; 322 established"));
}

TEST_CASE("-o json prints the API's JSON, pretty, before or after the verb") {
    CannedDaemon daemon;
    for (const auto& args : {std::vector<std::string>{"-o", "json", "status"},
                             std::vector<std::string>{"status", "-o", "json"},
                             std::vector<std::string>{"status", "--output=json"}}) {
        const auto run = shoalctl(daemon, args);
        CHECK(run.exit_code == 0);
        const auto status = json::parse(run.out);
        CHECK(status.at("generation") == 42);
        CHECK(status.at("servers").size() == 3);
        CHECK_THAT(run.out, Catch::Contains("\n  \"agent\": {\n"));
    }
}

TEST_CASE("every verb answers -o json with the daemon's JSON") {
    CannedDaemon daemon;
    const std::vector<std::vector<std::string>> verbs{{"status"},
                                                      {"drain", "srv1"},
                                                      {"undrain", "srv1"},
                                                      {"weight", "srv1", "5"},
                                                      {"weight", "srv1", "--clear"},
                                                      {"plan", "drain", "srv1"},
                                                      {"table"},
                                                      {"table", "--diff", "41"},
                                                      {"stats"},
                                                      {"reload"},
                                                      {"detach"}};
    for (auto args : verbs) {
        args.insert(args.end(), {"-o", "json"});
        const auto run = shoalctl(daemon, args);
        INFO(args[0] << ": " << run.err);
        CHECK(run.exit_code == 0);
        CHECK_NOTHROW(json::parse(run.out));
    }
    CHECK(json::parse(shoalctl(daemon, {"-o", "json", "stats"}).out) == canned_stats());
}

TEST_CASE("drain and undrain post to the server's path and say what changed") {
    CannedDaemon daemon;
    auto run = shoalctl(daemon, {"drain", "srv2"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "srv2 is draining (generation 43)\n");
    run = shoalctl(daemon, {"drain", "srv2"});
    CHECK(run.out == "srv2 was already draining (generation 43)\n");
    run = shoalctl(daemon, {"undrain", "srv2"});
    CHECK(run.out == "srv2 is active again (generation 44)\n");
    const auto requests = daemon.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].target == "/v1/servers/srv2/drain");
    CHECK(requests[2].target == "/v1/servers/srv2/undrain");
}

TEST_CASE("a refused verb exits 1 with the daemon's message and status on stderr") {
    CannedDaemon daemon;
    const auto run = shoalctl(daemon, {"drain", "srv9"});
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err == "shoalctl drain: unknown server srv9 (HTTP 404 Not Found)\n");
}

TEST_CASE("weight sets with PUT and clears with DELETE") {
    CannedDaemon daemon;
    auto run = shoalctl(daemon, {"weight", "srv2", "50"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "srv2 has manual weight 50 (generation 43)\n");
    run = shoalctl(daemon, {"weight", "srv2", "--clear"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "srv2 had no manual weight (generation 43)\n");
    const auto requests = daemon.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].method == "PUT");
    CHECK(requests[0].target == "/v1/servers/srv2/weight");
    CHECK(requests[0].body == json{{"weight", 50}});
    CHECK(requests[1].method == "DELETE");
}

TEST_CASE("weight needs exactly one of W and --clear (usage, exit 2)") {
    CannedDaemon daemon;
    auto run = shoalctl(daemon, {"weight", "srv2"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("give a weight W, or --clear"));
    run = shoalctl(daemon, {"weight", "srv2", "50", "--clear"});
    CHECK(run.exit_code == 2);
    run = shoalctl(daemon, {"weight", "srv2", "heavy"});
    CHECK(run.exit_code == 2);
    CHECK(daemon.requests().empty());
}

TEST_CASE("plan posts the change and prints the planner's answer") {
    CannedDaemon daemon;
    auto run = shoalctl(daemon, {"plan", "drain", "srv2"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("plan: drain srv2 (nothing applied)\n"));
    CHECK_THAT(run.out, Catch::Contains("16384 of 65536 buckets move (25.0%)"));
    run = shoalctl(daemon, {"plan", "weight", "srv2", "30"});
    CHECK(run.exit_code == 0);
    const auto requests = daemon.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].target == "/v1/plan");
    CHECK(requests[0].body == json{{"change", "drain"}, {"server", "srv2"}});
    CHECK(requests[1].body == json{{"change", "weight"}, {"server", "srv2"}, {"weight", 30}});
}

TEST_CASE("plan refuses a missing or extra weight and unknown changes (exit 2)") {
    CannedDaemon daemon;
    CHECK(shoalctl(daemon, {"plan", "weight", "srv2"}).exit_code == 2);
    CHECK(shoalctl(daemon, {"plan", "drain", "srv2", "30"}).exit_code == 2);
    CHECK(shoalctl(daemon, {"plan", "explode", "srv2"}).exit_code == 2);
    CHECK(daemon.requests().empty());
}

TEST_CASE("table prints bucket counts; --service and --diff go into the query") {
    CannedDaemon daemon;
    auto run = shoalctl(daemon, {"table"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == shoal::cli::format_table(canned_table(false)));
    run = shoalctl(daemon, {"table", "--service", "web", "--diff", "41"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == shoal::cli::format_table(canned_table(true)));
    const auto requests = daemon.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].target == "/v1/table");
    CHECK(requests[1].target == "/v1/table?service=web&diff=41");
}

TEST_CASE("table --diff against a generation no longer retained exits 1") {
    CannedDaemon daemon;
    const auto run = shoalctl(daemon, {"table", "--diff", "7"});
    CHECK(run.exit_code == 1);
    CHECK(run.err == "shoalctl table: generation 7 is no longer retained (HTTP 404 Not Found)\n");
}

TEST_CASE("stats prints the agent's counters") {
    CannedDaemon daemon;
    const auto run = shoalctl(daemon, {"stats"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == shoal::cli::format_stats(canned_stats()));
}

TEST_CASE("reload reports success, or lists every problem of a refused config") {
    CannedDaemon daemon;
    auto run = shoalctl(daemon, {"reload"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "config reloaded from /etc/shoal/shoal.json\n");
    daemon.refuse_reload(
        "/etc/shoal/shoal.json: /servers/2/dip: expected an IP address\n"
        "/etc/shoal/shoal.json: /services/0/foo: unknown field");
    run = shoalctl(daemon, {"reload"});
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "shoalctl reload: the new config was refused; the old one stays live (HTTP 409 "
          "Conflict):\n"
          "  /etc/shoal/shoal.json: /servers/2/dip: expected an IP address\n"
          "  /etc/shoal/shoal.json: /services/0/foo: unknown field\n");
}

TEST_CASE("detach names the interfaces it detached") {
    CannedDaemon daemon;
    const auto run = shoalctl(daemon, {"detach"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "detached the XDP program from eth0; the data plane is stopped\n");
}

TEST_CASE("without a daemon every verb exits 1 saying where it looked") {
    TempDir dir;
    const auto socket = (dir / "shoald.sock").string();
    const auto run = shoalctl({"--socket", socket, "status"});
    CHECK(run.exit_code == 1);
    CHECK(run.err == "shoalctl status: cannot connect to " + socket +
                         ": No such file or directory — is shoald running?\n");
}

TEST_CASE("SHOAL_SOCKET replaces the default socket path") {
    CannedDaemon daemon;
    ProcessOptions options;
    options.set_env.emplace_back("SHOAL_SOCKET", daemon.socket());
    std::vector<std::string> argv{SHOALCTL_PATH, "stats"};
    const auto run = run_process(argv, options);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("agent srv1"));
}

TEST_CASE("--host reaches the daemon's TCP control address instead of the socket") {
    CannedDaemon daemon;
    const auto address = daemon.listen_tcp();
    const auto run =
        shoalctl({"--socket", "/nonexistent/shoald.sock", "--host", address, "detach"});
    CHECK(run.exit_code == 0);
    CHECK(run.out == "detached the XDP program from eth0; the data plane is stopped\n");
}

TEST_CASE("a daemon that never answers hits the request timeout (exit 1)") {
    CannedDaemon daemon;
    daemon.hang_status();
    const auto run = shoalctl(daemon, {"--timeout", "300ms", "status"});
    CHECK(run.exit_code == 1);
    CHECK(run.err == "shoalctl status: no answer from " + daemon.socket() + " within 300ms\n");
}

TEST_CASE("usage errors exit 2: unknown verb, unknown option, missing argument, bad value") {
    CannedDaemon daemon;
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
        {{"frobnicate"}, "The following argument was not expected: frobnicate"},
        {{"status", "--bogus"}, "The following argument was not expected: --bogus"},
        {{"drain"}, "NAME is required"},
        {{}, "a verb is required"},
        {{"-o", "yaml", "status"}, "yaml not in {table,json}"},
        {{"--timeout", "soon", "status"}, "expected a duration like 30s"},
        {{"drain", "srv2", "--wait", "--timeout", "5"}, "expected a duration like 30s"},
        {{"table", "--diff", "latest"}, "--diff"},
    };
    for (const auto& [args, message] : cases) {
        const auto run = shoalctl(daemon, args);
        INFO(run.err);
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.err, Catch::StartsWith("shoalctl"));
        CHECK_THAT(run.err, Catch::Contains(message));
        CHECK(run.out.empty());
    }
    CHECK(daemon.requests().empty());
}

TEST_CASE("--help exits 0 and lists the verbs") {
    const auto run = shoalctl({"--help"});
    CHECK(run.exit_code == 0);
    for (const auto* verb :
         {"status", "drain", "undrain", "weight", "plan", "table", "stats", "reload", "detach"})
        CHECK_THAT(run.out, Catch::Contains(std::string("\n  ") + verb));
}
