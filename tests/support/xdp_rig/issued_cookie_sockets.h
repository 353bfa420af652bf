// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "model/socket_set.h"
#include "xdp_rig/syncookie_issuer.h"

namespace shoal::test {

// The model's view of the rig's sockets: a SocketSet's sockets, but the valid SYN cookies are
// exactly those the kernel issued, judged as bpf_tcp_check_syncookie judges them
// (IssuedCookie::accepts: only ack - seq matters, within the MSS-index slack), for cookies
// issued in the last minute. The SocketSet's own valid-cookie tuples are ignored.
class IssuedCookieSockets final : public model::SocketOracle {
  public:
    explicit IssuedCookieSockets(const model::SocketSet& sockets) : sockets_(sockets) {}

    void add(const IssuedCookie& cookie) { cookies_.push_back(cookie); }
    void clear() { cookies_.clear(); }
    const std::vector<IssuedCookie>& cookies() const noexcept { return cookies_; }

    model::TcpSocket lookup_tcp(const model::SocketTuple& tuple) const override;
    bool syncookie_valid(const model::SocketTuple& tuple, std::span<const std::uint8_t> ip_header,
                         std::span<const std::uint8_t> tcp_header) const override;
    bool udp_connected(const model::SocketTuple& tuple) const override;

  private:
    const model::SocketSet& sockets_;
    std::vector<IssuedCookie> cookies_;
};

}  // namespace shoal::test
