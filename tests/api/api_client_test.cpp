// SPDX-License-Identifier: MIT
// The client's failures carry context: no daemon, a stale socket, a daemon that never
// answers, an answer that is not JSON, a malformed --host.
#include "api/api_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <thread>

#include "support/temp_dir.h"

using namespace shoal::api;
using shoal::test::TempDir;
using namespace std::chrono_literals;

namespace {

// A Unix socket at DIR/shoald.sock listening with no server behind it: the test answers (or
// does not) by hand.
struct RawListener {
    TempDir dir;
    std::string path = (dir / "shoald.sock").string();
    boost::asio::io_context io;
    boost::asio::local::stream_protocol::acceptor acceptor{
        io, boost::asio::local::stream_protocol::endpoint(path)};
};

}  // namespace

TEST_CASE("no socket file: the error names the path and asks whether shoald runs") {
    TempDir dir;
    const auto path = (dir / "shoald.sock").string();
    const ApiClient client(ApiAddress::unix_socket(path), 1s);
    CHECK_THROWS_WITH(
        client.get("/v1/status"),
        "cannot connect to " + path + ": No such file or directory — is shoald running?");
}

TEST_CASE("a socket file nobody listens on: connection refused, same hint") {
    TempDir dir;
    const auto path = (dir / "shoald.sock").string();
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, path.c_str());
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    ::close(fd);
    const ApiClient client(ApiAddress::unix_socket(path), 1s);
    CHECK_THROWS_WITH(client.get("/v1/status"),
                      "cannot connect to " + path + ": Connection refused — is shoald running?");
}

TEST_CASE("a server that accepts but never answers times out with the deadline in the message") {
    // Listening without ever reading: the connect succeeds through the backlog.
    RawListener silent;
    const auto& path = silent.path;
    const ApiClient client(ApiAddress::unix_socket(path), 300ms);
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(client.get("/v1/status"), "no answer from " + path + " within 300ms");
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(waited >= 300ms);
}

TEST_CASE("an answer that is not JSON is an error naming the status") {
    RawListener raw;
    const auto& path = raw.path;
    auto& acceptor = raw.acceptor;
    std::thread server([&] {
        auto socket = acceptor.accept();
        char request[1024];
        boost::system::error_code ec;
        socket.read_some(boost::asio::buffer(request), ec);
        const std::string answer =
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
        boost::asio::write(socket, boost::asio::buffer(answer), ec);
    });
    const ApiClient client(ApiAddress::unix_socket(path), 2s);
    CHECK_THROWS_WITH(client.get("/v1/status"),
                      Catch::StartsWith("the answer from " + path + " (HTTP 200) is not JSON"));
    server.join();
}

TEST_CASE("TCP addresses parse host and port, with brackets for IPv6") {
    auto address = ApiAddress::tcp("127.0.0.1:9470");
    CHECK(address.host == "127.0.0.1");
    CHECK(address.port == "9470");
    CHECK(address.describe() == "127.0.0.1:9470");
    address = ApiAddress::tcp("[2001:db8::1]:9470");
    CHECK(address.host == "2001:db8::1");
    CHECK(address.describe() == "[2001:db8::1]:9470");
    CHECK_THROWS_WITH(ApiAddress::tcp("localhost"), Catch::Contains("expected HOST:PORT"));
    CHECK_THROWS_WITH(ApiAddress::tcp("localhost:"), Catch::Contains("expected HOST:PORT"));
}

TEST_CASE("a TCP port nobody listens on is refused with a hint") {
    boost::asio::io_context io;
    // Bind then close to find a port that is free right now.
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    const auto port = probe.local_endpoint().port();
    probe.close();
    const ApiClient client(ApiAddress::tcp("127.0.0.1:" + std::to_string(port)), 1s);
    CHECK_THROWS_WITH(client.get("/v1/status"),
                      Catch::Contains("cannot connect to 127.0.0.1:" + std::to_string(port) +
                                      ": Connection refused"));
}

TEST_CASE("format_timeout picks the largest whole unit") {
    CHECK(format_timeout(300ms) == "300ms");
    CHECK(format_timeout(5s) == "5s");
    CHECK(format_timeout(1500ms) == "1500ms");
    CHECK(format_timeout(2min) == "2m");
}
