// SPDX-License-Identifier: MIT
#include "agent/established_counter.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "base/unique_fd.h"

namespace {

// A socket the test requires to have opened.
shoal::UniqueFd open_socket(int family) {
    shoal::UniqueFd fd(socket(family, SOCK_STREAM, 0));
    REQUIRE(fd.valid());
    return fd;
}

// A listener on an ephemeral loopback port and `n` connections to it, all accepted.
struct Loopback {
    int family;
    uint16_t port = 0;
    std::vector<shoal::UniqueFd> sockets;

    Loopback(int fam, int n) : family(fam) {
        shoal::UniqueFd listener = open_socket(fam);
        sockaddr_storage ss{};
        socklen_t len = fill(ss, 0);
        REQUIRE(bind(listener.get(), reinterpret_cast<sockaddr*>(&ss), len) == 0);
        REQUIRE(listen(listener.get(), 64) == 0);
        REQUIRE(getsockname(listener.get(), reinterpret_cast<sockaddr*>(&ss), &len) == 0);
        port = ntohs(fam == AF_INET ? reinterpret_cast<sockaddr_in&>(ss).sin_port
                                    : reinterpret_cast<sockaddr_in6&>(ss).sin6_port);
        for (int i = 0; i < n; ++i) {
            shoal::UniqueFd client = open_socket(fam);
            sockaddr_storage to{};
            socklen_t tlen = fill(to, port);
            REQUIRE(connect(client.get(), reinterpret_cast<sockaddr*>(&to), tlen) == 0);
            shoal::UniqueFd accepted(accept(listener.get(), nullptr, nullptr));
            REQUIRE(accepted.valid());
            sockets.push_back(std::move(accepted));
            sockets.push_back(std::move(client));
        }
        sockets.push_back(std::move(listener));
    }

    socklen_t fill(sockaddr_storage& ss, uint16_t p) const {
        if (family == AF_INET) {
            auto& a = reinterpret_cast<sockaddr_in&>(ss);
            a.sin_family = AF_INET;
            a.sin_port = htons(p);
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return sizeof(a);
        }
        auto& a = reinterpret_cast<sockaddr_in6&>(ss);
        a.sin6_family = AF_INET6;
        a.sin6_port = htons(p);
        a.sin6_addr = in6addr_loopback;
        return sizeof(a);
    }

    shoal_service_key key(uint16_t key_port) const {
        shoal_service_key k{};
        k.family = family == AF_INET ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
        k.proto = IPPROTO_TCP;
        k.port = htons(key_port);
        if (family == AF_INET) {
            uint32_t lo = htonl(INADDR_LOOPBACK);
            std::memcpy(k.addr, &lo, 4);
        } else {
            std::memcpy(k.addr, &in6addr_loopback, 16);
        }
        return k;
    }
};

}  // namespace

TEST_CASE("counts the server side of established IPv4 connections on the service port") {
    Loopback lo(AF_INET, 5);
    shoal::agent::EstablishedCounter counter;
    auto counts = counter.count({lo.key(lo.port)});
    REQUIRE(counts == std::vector<uint64_t>{5});
}

TEST_CASE("counts IPv6 connections and keeps one count per key") {
    Loopback lo(AF_INET6, 3);
    shoal::agent::EstablishedCounter counter;
    auto other_port = lo.key(lo.port == 65535 ? 1 : lo.port + 1);
    auto counts = counter.count({lo.key(lo.port), other_port});
    REQUIRE(counts == std::vector<uint64_t>{3, 0});
}

TEST_CASE("port 0 matches every local port, UDP keys never count") {
    Loopback lo(AF_INET, 2);
    shoal::agent::EstablishedCounter counter;
    auto any = lo.key(0);
    auto udp = lo.key(lo.port);
    udp.proto = IPPROTO_UDP;
    auto counts = counter.count({any, udp});
    // Both ends of each loopback connection have the local address 127.0.0.1.
    REQUIRE(counts[0] >= 4);
    REQUIRE(counts[1] == 0);
}

TEST_CASE("closed connections stop counting") {
    shoal::agent::EstablishedCounter counter;
    shoal_service_key key{};
    uint16_t port;
    {
        Loopback lo(AF_INET, 4);
        key = lo.key(lo.port);
        port = lo.port;
        REQUIRE(counter.count({key})[0] == 4);
    }
    (void)port;
    REQUIRE(counter.count({key})[0] == 0);
}
