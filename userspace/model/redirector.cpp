// SPDX-License-Identifier: MIT
#include "model/redirector.h"

#include <netinet/in.h>

#include <algorithm>

namespace shoal::model {
namespace {

RedirectorOutcome kept(shoal_stat verdict) {
    RedirectorOutcome o;
    o.keep = verdict;
    return o;
}

RedirectorOutcome dropped(shoal_stat verdict) {
    RedirectorOutcome o;
    o.drop = verdict;
    return o;
}

RedirectorOutcome forwarded(std::uint16_t to, HopList hops, shoal_stat verdict) {
    RedirectorOutcome o;
    o.forward_to = to;
    o.forward_hops = hops;
    o.forward_verdict = verdict;
    return o;
}

}  // namespace

Ownership local_socket_check(const ServicePacket& packet, const SocketOracle& sockets) {
    const Classification& cls = packet.cls;
    const SocketTuple tuple = SocketTuple::of(cls.flow);
    if (cls.flow.proto == IPPROTO_UDP) {
        return sockets.udp_connected(tuple) ? Ownership::socket : Ownership::none;
    }
    switch (sockets.lookup_tcp(tuple)) {
        case TcpSocket::none:
            return Ownership::none;
        case TcpSocket::not_listening:
            return Ownership::socket;
        case TcpSocket::listening:
            break;
    }
    const bool plain_ack = (cls.tcp_flags & (kTcpAck | kTcpSyn | kTcpRst)) == kTcpAck;
    if (cls.icmp_carried || !plain_ack) return Ownership::none;
    const auto frame = packet.bytes();
    const auto ip_header = frame.subspan(packet.ip.offset, packet.ip.l3_len);
    const std::size_t l4 = packet.ip.l4_offset();
    const std::size_t tcp_len =
        std::min<std::size_t>(std::size_t{frame[l4 + 12]} / 16 * 4, packet.ip.end() - l4);
    const auto tcp_header = frame.subspan(l4, tcp_len);
    return sockets.syncookie_valid(tuple, ip_header, tcp_header) ? Ownership::syncookie
                                                                 : Ownership::none;
}

RedirectorOutcome run_redirector(const ServicePacket& packet, const HopList& hops,
                                 std::uint16_t self, const SocketOracle& sockets) {
    // A fragment has no ports to look a socket up with: its bucket's first hop keeps it.
    if (packet.cls.fragment) return kept(SHOAL_STAT_KEEP_FRAGMENT);
    if (packet.cls.is_syn()) return kept(SHOAL_STAT_KEEP_SYN);
    if (!hops.next) return kept(SHOAL_STAT_KEEP_LAST_HOP);
    switch (local_socket_check(packet, sockets)) {
        case Ownership::socket:
            return kept(SHOAL_STAT_KEEP_SOCKET);
        case Ownership::syncookie:
            return kept(SHOAL_STAT_KEEP_SYNCOOKIE);
        case Ownership::none:
            break;
    }
    // Invariant 3: what a kernel has routed back here until its TTL ran out goes no further.
    if (packet.ip.ttl <= 1) return dropped(SHOAL_STAT_DROP_TTL_EXPIRED);
    // Not ours. With a return ticket the sender owns it not either: the flow is new, and goes
    // back to be kept there. UDP has no SYN to tell a new flow by, so UDP goes on with a ticket.
    if (hops.return_ticket) return forwarded(*hops.next, HopList{}, SHOAL_STAT_FORWARD_RETURN);
    const bool udp = packet.cls.flow.proto == IPPROTO_UDP;
    return forwarded(*hops.next, udp ? HopList::ticket_from(self) : HopList{},
                     SHOAL_STAT_FORWARD_SECOND_HOP);
}

}  // namespace shoal::model
