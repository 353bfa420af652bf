// SPDX-License-Identifier: MIT
#include <linux/bpf.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>

#include "model/socket_set.h"
#include "model/static_fib.h"
#include "shoal_abi.h"

using namespace shoal::model;

namespace {

Address v4(std::uint8_t last) { return Address{198, 18, 0, last}; }

}  // namespace

TEST_CASE("StaticFib answers like bpf_fib_lookup for routes, MTU and neighbours", "[oracle]") {
    StaticFib fib;
    fib.add_route(SHOAL_FAMILY_IPV4, v4(2),
                  {7, {2, 0, 0, 0, 0, 1}, {2, 0, 0, 0, 0, 2}, 1500, true});
    fib.add_route(SHOAL_FAMILY_IPV4, v4(3), {8, {}, {}, 1500, false});
    FibQuery q{SHOAL_FAMILY_IPV4, v4(1), v4(2), 1500, 7};
    const FibResult ok = fib.lookup(q);
    CHECK(ok.code == BPF_FIB_LKUP_RET_SUCCESS);
    CHECK(ok.ifindex == 7);
    CHECK(ok.dmac == MacAddress{2, 0, 0, 0, 0, 2});
    q.tot_len = 1501;
    CHECK(fib.lookup(q).code == BPF_FIB_LKUP_RET_FRAG_NEEDED);
    q.dst = v4(3);
    CHECK(fib.lookup(q).code == BPF_FIB_LKUP_RET_FRAG_NEEDED);  // MTU is checked before neighbours
    q.tot_len = 100;
    CHECK(fib.lookup(q).code == BPF_FIB_LKUP_RET_NO_NEIGH);
    q.dst = v4(4);
    CHECK(fib.lookup(q).code == BPF_FIB_LKUP_RET_NOT_FWDED);
    q.family = SHOAL_FAMILY_IPV6;
    q.dst = v4(2);
    CHECK(fib.lookup(q).code == BPF_FIB_LKUP_RET_NOT_FWDED);  // routes are per family
}

TEST_CASE("SocketSet finds established sockets before listeners", "[oracle]") {
    SocketSet s;
    const SocketTuple established{SHOAL_FAMILY_IPV4, IPPROTO_TCP, v4(9), 40001, v4(1), 80};
    SocketTuple other = established;
    other.remote_port = 40000;
    s.add_tcp_established(established);
    CHECK(s.lookup_tcp(established) == TcpSocket::not_listening);
    CHECK(s.lookup_tcp(other) == TcpSocket::none);
    s.add_tcp_listener(SHOAL_FAMILY_IPV4, v4(1), 80);
    CHECK(s.lookup_tcp(other) == TcpSocket::listening);
    CHECK(s.lookup_tcp(established) == TcpSocket::not_listening);
    SocketTuple elsewhere = other;
    elsewhere.local = v4(5);
    CHECK(s.lookup_tcp(elsewhere) == TcpSocket::none);
    s.add_tcp_listener(SHOAL_FAMILY_IPV4, Address{}, 80);  // INADDR_ANY
    CHECK(s.lookup_tcp(elsewhere) == TcpSocket::listening);
}

TEST_CASE("SocketSet answers SYN cookies and connected UDP per tuple", "[oracle]") {
    SocketSet s;
    const SocketTuple t{SHOAL_FAMILY_IPV4, IPPROTO_TCP, v4(9), 40002, v4(1), 80};
    s.add_valid_syncookie(t);
    CHECK(s.syncookie_valid(t, {}, {}));
    SocketTuple u = t;
    u.remote_port = 40003;
    CHECK_FALSE(s.syncookie_valid(u, {}, {}));
    const SocketTuple udp{SHOAL_FAMILY_IPV4, IPPROTO_UDP, v4(9), 5001, v4(1), 53};
    s.add_udp_connected(udp);
    CHECK(s.udp_connected(udp));
    SocketTuple udp_other = udp;
    udp_other.remote_port = 5000;
    CHECK_FALSE(s.udp_connected(udp_other));
}
