// SPDX-License-Identifier: MIT
// The control socket's file: its mode, a stale file replaced, a live daemon's or a
// non-socket file refused, removal at stop.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <thread>

#include "api/api_client.h"
#include "api/api_server.h"
#include "api/response.h"
#include "server_thread.h"
#include "support/temp_dir.h"

using namespace shoal::api;
using shoal::test::ServerThread;
using shoal::test::TempDir;
using namespace std::chrono_literals;

namespace {

Router status_router();

// A server with the status route, listening on DIR/shoald.sock.
struct ListeningServer {
    ListeningServer() { server.listen_unix(path); }
    TempDir dir;
    std::filesystem::path path = dir / "shoald.sock";
    boost::asio::io_context io;
    ApiServer server{io, status_router()};
};

Router status_router() {
    Router router([](const ApiLogEvent&) {});
    router.get("/v1/status", [](const Request&) { return ok({{"alive", true}}); });
    return router;
}

// What a crashed daemon leaves: a socket file nobody listens on.
void leave_stale_socket(const std::filesystem::path& path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strcpy(address.sun_path, path.c_str());
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    ::close(fd);
}

}  // namespace

TEST_CASE("the control socket is created with mode 0660 and owned by the daemon's user") {
    ServerThread server(status_router());
    struct stat st {};
    REQUIRE(::stat(server.socket_path().c_str(), &st) == 0);
    CHECK(S_ISSOCK(st.st_mode));
    CHECK((st.st_mode & 07777) == 0660);
    CHECK(st.st_uid == ::geteuid());
}

TEST_CASE("a stale socket file from a crashed daemon is replaced") {
    TempDir dir;
    const auto path = dir / "shoald.sock";
    leave_stale_socket(path);
    std::vector<ApiLogEvent> events;
    Router router([&](const ApiLogEvent& e) { events.push_back(e); });
    router.get("/v1/status", [](const Request&) { return ok({{"alive", true}}); });
    boost::asio::io_context io;
    ApiServer server(io, std::move(router));
    REQUIRE_NOTHROW(server.listen_unix(path));
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const auto& e) { return e.event == "api_stale_socket_removed"; }));
    std::thread runner([&] { io.run_for(5s); });
    const ApiClient client(ApiAddress::unix_socket(path.string()), 2s);
    CHECK(client.get("/v1/status").body.at("alive") == true);
    io.stop();
    runner.join();
}

TEST_CASE("a socket a live daemon answers on is not taken over") {
    ServerThread first(status_router());
    boost::asio::io_context io;
    ApiServer second(io, status_router());
    CHECK_THROWS_WITH(second.listen_unix(first.socket_path()),
                      Catch::Contains("another process is serving on it"));
    // The first daemon keeps its socket.
    const ApiClient client(ApiAddress::unix_socket(first.socket_path().string()), 2s);
    CHECK(client.get("/v1/status").ok());
}

TEST_CASE("a path that is not a socket is never replaced") {
    TempDir dir;
    const auto path = dir / "shoald.sock";
    std::ofstream(path) << "precious";
    boost::asio::io_context io;
    ApiServer server(io, status_router());
    CHECK_THROWS_AS(server.listen_unix(path), ServerError);
    CHECK_THROWS_WITH(server.listen_unix(path), Catch::Contains("is not a socket"));
    std::ifstream in(path);
    std::string content;
    in >> content;
    CHECK(content == "precious");
}

TEST_CASE("a missing parent directory is created") {
    TempDir dir;
    const auto path = dir / "run" / "shoal" / "shoald.sock";
    boost::asio::io_context io;
    ApiServer server(io, status_router());
    server.listen_unix(path);
    CHECK(std::filesystem::is_socket(path));
}

TEST_CASE("stop closes the listener and removes the socket file") {
    ListeningServer s;
    REQUIRE(std::filesystem::is_socket(s.path));
    s.server.stop();
    CHECK_FALSE(std::filesystem::exists(s.path));
    s.server.stop();  // idempotent
    const ApiClient client(ApiAddress::unix_socket(s.path.string()), 1s);
    CHECK_THROWS_AS(client.get("/v1/status"), ApiClientError);
}

TEST_CASE("stop leaves alone a socket file another daemon has put in its place") {
    ListeningServer s;
    std::filesystem::remove(s.path);
    leave_stale_socket(s.path);
    s.server.stop();
    CHECK(std::filesystem::is_socket(s.path));
}

TEST_CASE("a socket path longer than sun_path is refused with its length") {
    boost::asio::io_context io;
    ApiServer server(io, status_router());
    const std::string path = "/tmp/" + std::string(120, 'x') + ".sock";
    CHECK_THROWS_WITH(server.listen_unix(path), Catch::Contains("path longer than 107 bytes"));
}
