// SPDX-License-Identifier: MIT
#include "netns/netns.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "netns/test_bpffs.h"
#include "netns/veth_pair.h"
#include "support/process.h"

using namespace shoal::test;

namespace {

ino_t netns_inode(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_ino;
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

// A UDP socket bound to addr:port, created inside ns (it stays there after leaving).
int udp_socket_in(const Netns& ns, const char* addr, std::uint16_t port) {
    EnterNetns inside(ns);
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    ::inet_pton(AF_INET, addr, &sa.sin_addr);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) == 0);
    return fd;
}

}  // namespace

TEST_CASE("a namespace exists under /run/netns until its destructor deletes it", "[netns]") {
    std::string path;
    {
        Netns ns("shoal-nstest");
        path = ns.path();
        CHECK(exists(path));
        CHECK_THAT(ns.name(),
                   Catch::StartsWith("shoal-nstest-" + std::to_string(::getpid()) + "-"));
        CHECK_THAT(ns.ip({"link", "show", "lo"}), Catch::Contains("UP"));
    }
    if (!keep_netns()) CHECK_FALSE(exists(path));
}

TEST_CASE("entering a namespace moves only the calling thread and returns on destruction",
          "[netns]") {
    Netns ns("shoal-nstest");
    const ino_t before = netns_inode("/proc/thread-self/ns/net");
    {
        EnterNetns inside(ns);
        CHECK(netns_inode("/proc/thread-self/ns/net") == netns_inode(ns.path()));
    }
    CHECK(netns_inode("/proc/thread-self/ns/net") == before);
}

TEST_CASE("a veth pair with addresses carries a datagram between two namespaces", "[netns]") {
    Netns a("shoal-nstest");
    Netns b("shoal-nstest");
    VethPair veth(a, "nstest0", b, "nstest1");
    a.add_address("nstest0", "198.18.0.1/24");
    b.add_address("nstest1", "198.18.0.2/24");
    a.add_address("nstest0", "2001:db8::1/64");
    CHECK_THAT(a.ip({"-6", "addr", "show", "dev", "nstest0"}), Catch::Contains("2001:db8::1/64"));
    CHECK(a.ifindex("nstest0") > 0);

    const int receiver = udp_socket_in(b, "198.18.0.2", 9999);
    const int sender = udp_socket_in(a, "198.18.0.1", 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(9999);
    ::inet_pton(AF_INET, "198.18.0.2", &to.sin_addr);
    const char msg[] = "shoal";
    REQUIRE(::sendto(sender, msg, sizeof(msg), 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)) ==
            sizeof(msg));
    pollfd p{receiver, POLLIN, 0};
    REQUIRE(::poll(&p, 1, 5000) == 1);
    char buf[16] = {};
    CHECK(::recv(receiver, buf, sizeof(buf), 0) == sizeof(msg));
    CHECK(std::string(buf) == "shoal");
    ::close(sender);
    ::close(receiver);
}

TEST_CASE("namespaces left by a dead process are swept, live ones are kept", "[netns]") {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    Netns live("shoal-nssweep");
    const std::string stale = "shoal-nssweep-" + std::to_string(child) + "-0";
    run_command({"ip", "netns", "add", stale});

    CHECK(sweep_stale_netns("shoal-nssweep") == 1);
    CHECK_FALSE(exists("/run/netns/" + stale));
    CHECK(exists(live.path()));

    // Creating a namespace sweeps too.
    run_command({"ip", "netns", "add", stale});
    Netns another("shoal-nssweep");
    CHECK_FALSE(exists("/run/netns/" + stale));
}

TEST_CASE("a test bpffs is a bpffs mount that disappears with the object", "[netns]") {
    std::string path;
    {
        TestBpffs bpffs;
        path = bpffs.path();
        CHECK_THAT(run_command({"stat", "-f", "-c", "%T", path}), Catch::Contains("bpf"));
    }
    CHECK_FALSE(exists(path));
}

TEST_CASE("a failing command reports its command line, status and stderr", "[netns]") {
    CHECK_THROWS_WITH(run_command({"ip", "link", "show", "dev", "shoal-no-such-dev"}),
                      Catch::Contains("`ip link show dev shoal-no-such-dev` exited") &&
                          Catch::Contains("does not exist"));
}
