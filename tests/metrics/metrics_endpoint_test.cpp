// SPDX-License-Identifier: MIT
// Scrapes the /metrics route of the HTTP server over a real loopback socket, served on an
// address of its own as the daemon does (ApiServer::serve_tcp).
#include "metrics/metrics_endpoint.h"

#include <boost/asio/connect.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include "api/api_server.h"
#include "base/asio_endpoint.h"
#include "support/wait.h"

using namespace shoal::metrics;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using asio::ip::tcp;
using shoal::api::ApiServer;

namespace {

// An HTTP client on the test's io_context; each get() runs the io until the answer arrives.
class ScrapeClient {
  public:
    ScrapeClient(asio::io_context& io, const tcp::endpoint& endpoint) : io_(io), stream_(io) {
        bool connected = false;
        beast::error_code error;
        stream_.async_connect(endpoint, [&](beast::error_code ec) {
            error = ec;
            connected = true;
        });
        REQUIRE(shoal::test::run_until(io_, [&] { return connected; }));
        REQUIRE_FALSE(error);
    }

    http::response<http::string_body> get(const std::string& target,
                                          http::verb verb = http::verb::get) {
        http::request<http::empty_body> request{verb, target, 11};
        request.set(http::field::host, "localhost");
        http::response<http::string_body> response;
        bool done = false;
        beast::error_code error;
        http::async_write(stream_, request, [&](beast::error_code ec, std::size_t) {
            if (ec) {
                error = ec;
                done = true;
                return;
            }
            http::async_read(stream_, buffer_, response, [&](beast::error_code ec, std::size_t) {
                error = ec;
                done = true;
            });
        });
        REQUIRE(shoal::test::run_until(io_, [&] { return done; }));
        INFO(error.message());
        REQUIRE_FALSE(error);
        return response;
    }

  private:
    asio::io_context& io_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

tcp::endpoint any_port(const char* address) { return {asio::ip::make_address(address), 0}; }

}  // namespace

TEST_CASE("GET /metrics returns the scrape as text format 0.0.4", "[metrics]") {
    const char* address = GENERATE("127.0.0.1", "::1");
    asio::io_context io;
    Registry registry;
    auto& generation = registry.gauge("shoal_test_generation", "Generation.");
    int scrapes = 0;
    registry.add_collector([&] { generation.set({}, ++scrapes); });
    ApiServer server(io, shoal::api::Router{});
    const auto endpoint =
        server.serve_tcp(any_port(address), metrics_router(registry), "metrics endpoint");
    REQUIRE(endpoint.port() != 0);

    ScrapeClient client(io, endpoint);
    const auto first = client.get("/metrics");
    CHECK(first.result() == http::status::ok);
    CHECK(first[http::field::content_type] == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(first.body() ==
          "# HELP shoal_test_generation Generation.\n"
          "# TYPE shoal_test_generation gauge\n"
          "shoal_test_generation 1\n");
    // The same connection stays open for the next scrape, which collects again.
    const auto second = client.get("/metrics");
    CHECK_THAT(second.body(), Catch::Contains("shoal_test_generation 2\n"));
    CHECK(scrapes == 2);
}

TEST_CASE("the endpoint answers 404 for other paths and 405 for other methods", "[metrics]") {
    asio::io_context io;
    Registry registry;
    ApiServer server(io, shoal::api::Router{});
    ScrapeClient client(
        io, server.serve_tcp(any_port("127.0.0.1"), metrics_router(registry), "metrics endpoint"));
    CHECK(client.get("/").result() == http::status::not_found);
    // Only /metrics: the control routes are not served on the metrics address.
    CHECK(client.get("/v1/status").result() == http::status::not_found);
    CHECK(client.get("/metrics/extra").result() == http::status::not_found);
    const auto post = client.get("/metrics", http::verb::post);
    CHECK(post.result() == http::status::method_not_allowed);
    CHECK(post[http::field::allow] == "GET");
    CHECK(client.get("/metrics?name[]=x").result() == http::status::ok);
}

TEST_CASE("a failing collector answers 500 with its message", "[metrics]") {
    asio::io_context io;
    Registry registry;
    registry.add_collector([] { throw std::runtime_error("read shoal_stats: No such file"); });
    ApiServer server(io, shoal::api::Router{});
    ScrapeClient client(
        io, server.serve_tcp(any_port("127.0.0.1"), metrics_router(registry), "metrics endpoint"));
    const auto response = client.get("/metrics");
    CHECK(response.result() == http::status::internal_server_error);
    CHECK(response.body() == "scrape failed: read shoal_stats: No such file\n");
}

TEST_CASE("stop closes the listener and open connections, leaving no work", "[metrics]") {
    asio::io_context io;
    Registry registry;
    auto server = std::make_unique<ApiServer>(io, shoal::api::Router{});
    const tcp::endpoint endpoint =
        server->serve_tcp(any_port("127.0.0.1"), metrics_router(registry), "metrics endpoint");
    ScrapeClient client(io, endpoint);
    CHECK(client.get("/metrics").result() == http::status::ok);

    server->stop();
    server.reset();
    // The kept-alive session and the accept loop end: io runs out of work.
    CHECK(shoal::test::run_until_idle(io, 5s));

    tcp::socket socket(io);
    boost::system::error_code ec;
    socket.connect(endpoint, ec);
    CHECK(ec == asio::error::connection_refused);
}

TEST_CASE("listening on a taken address names the address and the step", "[metrics]") {
    asio::io_context io;
    tcp::acceptor taken(io, any_port("127.0.0.1"));
    const auto endpoint = taken.local_endpoint();
    Registry registry;
    ApiServer server(io, shoal::api::Router{});
    CHECK_THROWS_WITH(
        server.serve_tcp(endpoint, metrics_router(registry), "metrics endpoint"),
        "metrics endpoint " + shoal::to_string(endpoint) + ": bind: Address already in use");
}
