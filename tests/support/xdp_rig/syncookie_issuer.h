// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "model/flow.h"
#include "packet/packet_layers.h"
#include "xdp_rig/frame_capture.h"
#include "xdp_rig/rig_network.h"

namespace shoal::test {

// A SYN cookie the kernel issued: the listener on tuple.local answered a SYN with isn by a
// SYN-ACK whose sequence number is cookie. The ACK completing that handshake (seq isn + 1,
// ack cookie + 1) passes bpf_tcp_check_syncookie for the next minute or two.
//
// The kernel adds the index of the SYN's MSS in its table (0-3) to the cookie, and the check
// accepts any index 0-3: so it accepts every ACK of the tuple whose ack - seq differs from
// cookie - isn by d with 0 <= mss_index + d <= 3.
struct IssuedCookie {
    model::SocketTuple tuple;  // remote = client, local = VIP, TCP
    std::uint32_t isn = 0;
    std::uint32_t cookie = 0;
    int mss_index = 0;  // of the MSS the SYN announced, in the kernel's table for the family

    std::uint32_t ack_seq() const noexcept { return isn + 1; }
    std::uint32_t ack_number() const noexcept { return cookie + 1; }
    // Whether bpf_tcp_check_syncookie accepts an ACK of the tuple with these numbers.
    bool accepts(std::uint32_t seq, std::uint32_t ack) const noexcept {
        const auto d = static_cast<std::int32_t>((ack - seq) - (cookie - isn));
        return d >= -mss_index && d <= 3 - mss_index;
    }
};

// Gets real SYN cookies: sends a SYN from the client's side of shoal0 (an AF_PACKET socket in
// the net namespace), the lb kernel (tcp_syncookies=2) answers with a cookie SYN-ACK, which is
// captured on the way back. The client's kernel then resets the half-open flow; a listener
// keeps no state for a cookie, so nothing is left behind in lb.
class SyncookieIssuer {
  public:
    explicit SyncookieIssuer(const RigNetwork& network);

    // The SYN announces MSS 1460.
    IssuedCookie issue(const model::SocketTuple& tuple, std::uint32_t isn = 0) const;

  private:
    FrameCapture client_side_;
};

// Where the TCP header of tuple's client-to-VIP segment is in frame (the outer packet, or the
// one inside GUE to the world's port), or nullopt.
std::optional<std::size_t> tcp_header_of(const Bytes& frame, const model::SocketTuple& tuple);

// Rewrites the sequence and acknowledgement numbers of tuple's TCP header in frame (the outer
// packet, or the one inside GUE) to complete the cookie's handshake, adjusting the TCP checksum
// incrementally (RFC 1624) so every checksum of the frame stays as valid as it was.
// Throws std::invalid_argument when the frame has no TCP header of that tuple.
void carry_cookie(Bytes& frame, const IssuedCookie& cookie);

}  // namespace shoal::test
