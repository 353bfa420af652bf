// SPDX-License-Identifier: MIT
#include "xdp_rig/issued_cookie_sockets.h"

namespace shoal::test {
namespace {

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t off) {
    return std::uint32_t{b[off]} << 24 | std::uint32_t{b[off + 1]} << 16 |
           std::uint32_t{b[off + 2]} << 8 | b[off + 3];
}

}  // namespace

model::TcpSocket IssuedCookieSockets::lookup_tcp(const model::SocketTuple& tuple) const {
    return sockets_.lookup_tcp(tuple);
}

bool IssuedCookieSockets::udp_connected(const model::SocketTuple& tuple) const {
    return sockets_.udp_connected(tuple);
}

bool IssuedCookieSockets::syncookie_valid(const model::SocketTuple& tuple,
                                          std::span<const std::uint8_t>,
                                          std::span<const std::uint8_t> tcp_header) const {
    if (tcp_header.size() < 12) return false;
    const std::uint32_t seq = be32(tcp_header, 4);
    const std::uint32_t ack = be32(tcp_header, 8);
    for (const IssuedCookie& c : cookies_)
        if (c.tuple == tuple && c.accepts(seq, ack)) return true;
    return false;
}

}  // namespace shoal::test
