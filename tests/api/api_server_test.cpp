// SPDX-License-Identifier: MIT
// A real ApiServer on a temp Unix socket (and TCP), driven by the real ApiClient, by raw
// Beast for keep-alive, and by curl --unix-socket.
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include "api/api_client.h"
#include "api/response.h"
#include "server_thread.h"
#include "support/process.h"

using namespace shoal::api;
using boost::beast::http::verb;
using nlohmann::json;
using shoal::test::ServerThread;
using namespace std::chrono_literals;

namespace {

// The routes docs/api.md describes, answering with what they were given.
Router echo_router() {
    Router router;
    router.get("/v1/status", [](const Request& r) {
        json query = json::object();
        for (const auto& [key, value] : r.query) query[key] = value;
        return ok({{"generation", 42}, {"query", query}});
    });
    router.post("/v1/servers/{name}/drain", [](const Request& r) -> Response {
        if (r.param("name") == "srv9") throw ApiError::not_found("unknown server srv9");
        return ok({{"server", r.param("name")}, {"changed", true}, {"generation", 43}});
    });
    router.put("/v1/servers/{name}/weight", [](const Request& r) {
        return ok({{"server", r.param("name")},
                   {"weight", r.body_object().at("weight")},
                   {"generation", 44}});
    });
    router.del("/v1/servers/{name}/weight", [](const Request& r) {
        return ok({{"server", r.param("name")}, {"cleared", true}});
    });
    router.get("/v1/stats", [](const Request&) -> Response {
        throw std::runtime_error("stats map unreadable");
    });
    return router;
}

ApiClient client_for(const ServerThread& server, std::chrono::milliseconds timeout = 5s) {
    return ApiClient(ApiAddress::unix_socket(server.socket_path().string()), timeout);
}

}  // namespace

namespace {

// One connection to the server, written to and read from by hand with Beast.
class RawConnection {
  public:
    explicit RawConnection(const ServerThread& server) : socket_(io_) {
        socket_.connect(server.socket_path().string());
    }

    boost::beast::http::response<boost::beast::http::string_body> exchange(
        verb method, const std::string& target, const std::string& body = {}) {
        namespace http = boost::beast::http;
        http::request<http::string_body> request{method, target, 11};
        request.set(http::field::host, "shoal");
        if (!body.empty()) {
            request.body() = body;
            request.prepare_payload();
        }
        http::write(socket_, request);
        http::response<http::string_body> response;
        http::read(socket_, buffer_, response);
        return response;
    }

  private:
    boost::asio::io_context io_;
    boost::asio::local::stream_protocol::socket socket_;
    boost::beast::flat_buffer buffer_;
};

}  // namespace

TEST_CASE("GET, POST, PUT and DELETE round-trip through the Unix socket") {
    ServerThread server(echo_router());
    const auto client = client_for(server);

    auto result = client.get("/v1/status?service=web%20front&diff=41");
    CHECK(result.status == 200);
    CHECK(result.body ==
          json{{"generation", 42}, {"query", {{"service", "web front"}, {"diff", "41"}}}});

    result = client.post("/v1/servers/srv2/drain");
    CHECK(result.ok());
    CHECK(result.body == json{{"server", "srv2"}, {"changed", true}, {"generation", 43}});

    result = client.put("/v1/servers/srv%2F2/weight", json{{"weight", 50}});
    CHECK(result.body == json{{"server", "srv/2"}, {"weight", 50}, {"generation", 44}});

    result = client.del("/v1/servers/srv2/weight");
    CHECK(result.body == json{{"server", "srv2"}, {"cleared", true}});
}

TEST_CASE("errors reach the client as status and {\"error\": message}") {
    ServerThread server(echo_router());
    const auto client = client_for(server);

    auto result = client.post("/v1/servers/srv9/drain");
    CHECK(result.status == 404);
    CHECK(result.error_message() == "unknown server srv9");

    result = client.get("/v1/nothing");
    CHECK(result.status == 404);
    CHECK(result.error_message() == "no such path: /v1/nothing");

    result = client.del("/v1/status");
    CHECK(result.status == 405);

    result = client.get("/v1/stats");
    CHECK(result.status == 500);
    CHECK(result.error_message() == "stats map unreadable");
}

TEST_CASE("a body that is not JSON is answered 400 by the server") {
    ServerThread server(echo_router());
    // The client always sends valid JSON; write the bad body by hand.
    RawConnection connection(server);
    namespace http = boost::beast::http;
    const auto response = connection.exchange(verb::put, "/v1/servers/srv1/weight", "{weight: 50}");
    CHECK(response.result_int() == 400);
    CHECK(response[http::field::content_type] == "application/json");
    CHECK_THAT(json::parse(response.body()).at("error").get<std::string>(),
               Catch::StartsWith("request body is not valid JSON"));
}

TEST_CASE("one connection serves several requests when kept alive") {
    ServerThread server(echo_router());
    RawConnection connection(server);
    for (int i = 0; i < 3; ++i) {
        const auto response =
            connection.exchange(verb::get, "/v1/status?round=" + std::to_string(i));
        CHECK(response.result_int() == 200);
        CHECK(response.keep_alive());
        CHECK(json::parse(response.body()).at("query").at("round") == std::to_string(i));
    }
}

TEST_CASE("a request body over the limit is answered 413") {
    ApiServerOptions options;
    options.body_limit = 64;
    ServerThread server(echo_router(), options);
    const auto client = client_for(server);
    const auto result =
        client.put("/v1/servers/srv1/weight", json{{"weight", 1}, {"pad", std::string(500, 'x')}});
    CHECK(result.status == 413);
    CHECK(result.error_message() == "request body over 64 bytes");
    // Smaller bodies still pass.
    CHECK(client.put("/v1/servers/srv1/weight", json{{"weight", 1}}).ok());
}

TEST_CASE("an async handler answering from another thread reaches the client") {
    Router router;
    std::vector<std::thread> workers;
    router.add_async(verb::get, "/v1/slow", [&](const Request&, Router::Reply reply) {
        workers.emplace_back([reply] {
            std::this_thread::sleep_for(20ms);
            reply(ok({{"late", true}}));
        });
    });
    {
        ServerThread server(std::move(router));
        CHECK(client_for(server).get("/v1/slow").body == json{{"late", true}});
    }
    for (auto& worker : workers) worker.join();
}

TEST_CASE("the optional TCP endpoint serves the same routes") {
    ServerThread server(echo_router());
    std::optional<boost::asio::ip::tcp::endpoint> endpoint;
    server.run_on_server([&](ApiServer& s) {
        s.listen_tcp({boost::asio::ip::make_address("127.0.0.1"), 0});
        endpoint = s.tcp_endpoint();
    });
    REQUIRE(endpoint);
    REQUIRE(endpoint->port() != 0);
    const ApiClient client(ApiAddress::tcp("127.0.0.1:" + std::to_string(endpoint->port())), 5s);
    CHECK(client.post("/v1/servers/srv3/drain").body.at("server") == "srv3");
}

TEST_CASE("curl --unix-socket talks to the server") {
    const std::string curl = SHOAL_CURL;
    if (curl.empty()) FAIL("curl is not installed (Debian package \"curl\"); this test needs it");
    ServerThread server(echo_router());
    const auto socket = server.socket_path().string();

    auto result = shoal::test::run_process(
        {curl, "-sS", "--unix-socket", socket, "http://shoal/v1/status?service=web"});
    REQUIRE(result.exit_code == 0);
    CHECK(json::parse(result.out) == json{{"generation", 42}, {"query", {{"service", "web"}}}});

    result = shoal::test::run_process({curl, "-sS", "--unix-socket", socket, "-X", "PUT", "-H",
                                       "Content-Type: application/json", "-d", R"({"weight":7})",
                                       "http://shoal/v1/servers/srv1/weight"});
    REQUIRE(result.exit_code == 0);
    CHECK(json::parse(result.out).at("weight") == 7);

    result = shoal::test::run_process({curl, "-sS", "-i", "--unix-socket", socket, "-X", "GET",
                                       "http://shoal/v1/servers/srv1/weight"});
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::StartsWith("HTTP/1.1 405 Method Not Allowed"));
    CHECK_THAT(result.out, Catch::Contains("Allow: DELETE, PUT"));
    CHECK_THAT(result.out, Catch::Contains("Content-Type: application/json"));
}
