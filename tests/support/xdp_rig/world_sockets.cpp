// SPDX-License-Identifier: MIT
#include "xdp_rig/world_sockets.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>
#include <tuple>

#include "packet/addr.h"

namespace shoal::test {
namespace {

constexpr int kDeadlineMs = 5000;

struct SocketAddress {
    sockaddr_storage storage{};
    socklen_t len = 0;
    std::string text;

    const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

SocketAddress socket_address(std::uint8_t family, const model::Address& addr, std::uint16_t port) {
    SocketAddress out;
    IpAddr text_addr;
    text_addr.bytes = addr;
    if (family == SHOAL_FAMILY_IPV4) {
        auto* sa = reinterpret_cast<sockaddr_in*>(&out.storage);
        sa->sin_family = AF_INET;
        sa->sin_port = htons(port);
        std::memcpy(&sa->sin_addr, addr.data(), 4);
        out.len = sizeof(sockaddr_in);
        text_addr.family = 4;
        out.text = text_addr.str() + ":" + std::to_string(port);
    } else {
        auto* sa = reinterpret_cast<sockaddr_in6*>(&out.storage);
        sa->sin6_family = AF_INET6;
        sa->sin6_port = htons(port);
        std::memcpy(&sa->sin6_addr, addr.data(), 16);
        out.len = sizeof(sockaddr_in6);
        text_addr.family = 6;
        out.text = "[" + text_addr.str() + "]:" + std::to_string(port);
    }
    return out;
}

bool same_endpoint(const SocketAddress& a, const SocketAddress& b) {
    if (a.storage.ss_family != b.storage.ss_family) return false;
    if (a.storage.ss_family == AF_INET) {
        const auto* x = reinterpret_cast<const sockaddr_in*>(&a.storage);
        const auto* y = reinterpret_cast<const sockaddr_in*>(&b.storage);
        return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
    }
    const auto* x = reinterpret_cast<const sockaddr_in6*>(&a.storage);
    const auto* y = reinterpret_cast<const sockaddr_in6*>(&b.storage);
    return x->sin6_port == y->sin6_port && std::memcmp(&x->sin6_addr, &y->sin6_addr, 16) == 0;
}

std::runtime_error failure(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

UniqueFd bound_socket(std::uint8_t family, int type, const SocketAddress& local) {
    UniqueFd fd(::socket(family == SHOAL_FAMILY_IPV4 ? AF_INET : AF_INET6,
                         type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd.valid()) throw failure("socket for " + local.text);
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (family == SHOAL_FAMILY_IPV6)
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    if (::bind(fd.get(), local.get(), local.len) != 0) throw failure("bind " + local.text);
    return fd;
}

void wait_ready(int fd, short events, const std::string& what) {
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, kDeadlineMs);
    if (n < 0) throw failure("poll while waiting to " + what);
    if (n == 0)
        throw std::runtime_error("timed out after " + std::to_string(kDeadlineMs) +
                                 " ms waiting to " + what);
}

}  // namespace

WorldSockets::WorldSockets(const model::SocketSet& sockets, const model::DataplaneState& state,
                           const RigNetwork& network) {
    listen_tcp(sockets);
    connect_tcp(sockets, network);
    bind_udp(sockets, state);
}

void WorldSockets::listen_tcp(const model::SocketSet& sockets) {
    for (const auto& [family, local, port] : sockets.tcp_listeners()) {
        const SocketAddress addr = socket_address(family, local, port);
        UniqueFd fd = bound_socket(family, SOCK_STREAM, addr);
        if (::listen(fd.get(), 64) != 0) throw failure("listen on " + addr.text);
        listeners_[{family, local, port}] = fd.get();
        fds_.push_back(std::move(fd));
    }
}

void WorldSockets::connect_tcp(const model::SocketSet& sockets, const RigNetwork& network) {
    for (const model::SocketTuple& t : sockets.tcp_established()) {
        const SocketAddress server = socket_address(t.family, t.local, t.local_port);
        const SocketAddress client = socket_address(t.family, t.remote, t.remote_port);
        const std::string what = "connect " + client.text + " -> " + server.text;
        // The world lists the listener too; without one, a listener lives just for this accept.
        UniqueFd own_listener;
        const auto world_listener = listeners_.find({t.family, t.local, t.local_port});
        if (world_listener == listeners_.end()) {
            own_listener = bound_socket(t.family, SOCK_STREAM, server);
            if (::listen(own_listener.get(), 1) != 0) throw failure("listen on " + server.text);
        }
        const int listener =
            world_listener == listeners_.end() ? own_listener.get() : world_listener->second;
        UniqueFd client_fd;
        {
            EnterNetns in_net(network.net());
            client_fd = bound_socket(t.family, SOCK_STREAM, client);
            if (::connect(client_fd.get(), server.get(), server.len) != 0 && errno != EINPROGRESS)
                throw failure(what);
        }
        wait_ready(client_fd.get(), POLLOUT, what);
        int error = 0;
        socklen_t len = sizeof(error);
        ::getsockopt(client_fd.get(), SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) {
            errno = error;
            throw failure(what);
        }
        // Connections are made one at a time, so the next accepted one is this one; with SYN
        // cookies the server's socket exists only once the client's ACK has arrived.
        wait_ready(listener, POLLIN, "accept " + what);
        SocketAddress peer;
        peer.len = sizeof(peer.storage);
        UniqueFd accepted(::accept4(listener, reinterpret_cast<sockaddr*>(&peer.storage), &peer.len,
                                    SOCK_CLOEXEC));
        if (!accepted.valid()) throw failure("accept " + what);
        if (!same_endpoint(peer, client))
            throw std::runtime_error("accept " + what + ": got a connection from elsewhere");
        fds_.push_back(std::move(client_fd));
        fds_.push_back(std::move(accepted));
    }
}

void WorldSockets::bind_udp(const model::SocketSet& sockets, const model::DataplaneState& state) {
    for (const auto& [key, service] : state.services) {
        if (key.proto != IPPROTO_UDP || key.port == 0) continue;
        const model::Address vip = std::to_array(key.addr);
        fds_.push_back(
            bound_socket(key.family, SOCK_DGRAM, socket_address(key.family, vip, ntohs(key.port))));
    }
    for (const model::SocketTuple& t : sockets.udp_connected_sockets()) {
        const SocketAddress local = socket_address(t.family, t.local, t.local_port);
        const SocketAddress remote = socket_address(t.family, t.remote, t.remote_port);
        UniqueFd fd = bound_socket(t.family, SOCK_DGRAM, local);
        if (::connect(fd.get(), remote.get(), remote.len) != 0)
            throw failure("connect UDP " + local.text + " -> " + remote.text);
        fds_.push_back(std::move(fd));
    }
}

}  // namespace shoal::test
