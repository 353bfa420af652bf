// SPDX-License-Identifier: MIT
#include "model/socket_set.h"

#include <netinet/in.h>

namespace shoal::model {

void SocketSet::add_tcp_established(const SocketTuple& tuple) {
    SocketTuple t = tuple;
    t.proto = IPPROTO_TCP;
    tcp_established_.insert(t);
}

void SocketSet::add_tcp_listener(std::uint8_t family, const Address& local, std::uint16_t port) {
    tcp_listeners_.insert({family, local, port});
}

void SocketSet::add_valid_syncookie(const SocketTuple& tuple) {
    SocketTuple t = tuple;
    t.proto = IPPROTO_TCP;
    syncookies_.insert(t);
}

void SocketSet::add_udp_connected(const SocketTuple& tuple) {
    SocketTuple t = tuple;
    t.proto = IPPROTO_UDP;
    udp_connected_.insert(t);
}

TcpSocket SocketSet::lookup_tcp(const SocketTuple& tuple) const {
    // The kernel looks in the established hash first, then for a listener.
    if (tcp_established_.contains(tuple)) return TcpSocket::not_listening;
    if (tcp_listeners_.contains({tuple.family, tuple.local, tuple.local_port}) ||
        tcp_listeners_.contains({tuple.family, Address{}, tuple.local_port})) {
        return TcpSocket::listening;
    }
    return TcpSocket::none;
}

bool SocketSet::syncookie_valid(const SocketTuple& tuple, std::span<const std::uint8_t>,
                                std::span<const std::uint8_t>) const {
    return syncookies_.contains(tuple);
}

bool SocketSet::udp_connected(const SocketTuple& tuple) const {
    return udp_connected_.contains(tuple);
}

}  // namespace shoal::model
