// SPDX-License-Identifier: MIT
// §4 and §5: the bucket's hops, the redirector and the local socket check.
#include "cases.h"

namespace shoal::cases {
namespace {

using test::tcp_flags::ACK;
using test::tcp_flags::RST;
using test::tcp_flags::SYN;

Bytes tcp_to(Service s, std::uint16_t client_port, std::uint8_t flags = ACK) {
    const IpAddr v = vip(s);
    Packet p = v.is_v4() ? from_client4(v) : from_client6(v);
    return p.tcp(client_port, 80).flags(flags).payload("GET /").build();
}

Bytes udp_to(Service s, std::uint16_t client_port, std::uint16_t port) {
    const IpAddr v = vip(s);
    Packet p = v.is_v4() ? from_client4(v) : from_client6(v);
    return p.udp(client_port, port).payload("query").build();
}

// A forwarded packet: the frame's IP packet encapsulated to target with the flow's hash.
PacketCase forwarded(std::string name, const Bytes& frame, shoal_stat verdict, Service s,
                     std::uint16_t target, std::optional<std::uint16_t> hop,
                     std::uint16_t client_port, std::uint16_t port, std::uint8_t proto = 6,
                     bool source_hash = false) {
    const IpAddr v = vip(s);
    const IpAddr& client = v.is_v4() ? kClient4 : kClient6;
    const std::uint64_t hash =
        expected_hash(base_world(), {client, v, client_port, port, proto, source_hash});
    return forward_case(
        std::move(name), frame, verdict, s,
        {target, v.is_v4() ? 4 : 6, hop, hash, Bytes(frame.begin() + 14, frame.end())});
}

// A UDP packet this server (the first hop) sends on to the peer with a return ticket naming
// itself (§5 step 4).
PacketCase forwarded_with_ticket(std::string name, const Bytes& frame, Service s,
                                 std::uint16_t client_port, std::uint16_t port) {
    const IpAddr v = vip(s);
    const IpAddr& client = v.is_v4() ? kClient4 : kClient6;
    const std::uint64_t hash = expected_hash(base_world(), {client, v, client_port, port, 17});
    EncapSpec spec{kPeer, v.is_v4() ? 4 : 6, kSelf, hash, Bytes(frame.begin() + 14, frame.end())};
    spec.return_ticket = true;
    return forward_case(std::move(name), frame, SHOAL_STAT_FORWARD_SECOND_HOP, s, spec);
}

std::vector<PacketCase> self_first_cases() {
    return {
        keep_case("TCP SYN to a local service is kept as a new flow",
                  tcp_to(kLocalTcp4, kNoSocketPort, SYN), SHOAL_STAT_KEEP_SYN, kLocalTcp4),
        keep_case("IPv6 TCP SYN to a local service is kept as a new flow",
                  tcp_to(kLocalTcp6, kNoSocketPort, SYN), SHOAL_STAT_KEEP_SYN, kLocalTcp6),
        keep_case("TCP ACK to a local service without a second hop is kept at the last hop",
                  tcp_to(kLocalTcp4, kNoSocketPort), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4),
        keep_case("IPv6 TCP ACK to a local service without a second hop is kept at the last hop",
                  tcp_to(kLocalTcp6, kNoSocketPort), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6),
        keep_case("UDP to a local service without a second hop is kept at the last hop",
                  udp_to(kLocalUdp4, kUdpNoSocketPort, 53), SHOAL_STAT_KEEP_LAST_HOP, kLocalUdp4),
        keep_case("IPv6 UDP to a local service without a second hop is kept at the last hop",
                  udp_to(kLocalUdp6, kUdpNoSocketPort, 53), SHOAL_STAT_KEEP_LAST_HOP, kLocalUdp6),
        keep_case("TCP SYN with a second hop is kept as a new flow",
                  tcp_to(kDrainTcp4, kNoSocketPort, SYN), SHOAL_STAT_KEEP_SYN, kDrainTcp4),
        keep_case("TCP SYN with FIN set is still a SYN",
                  tcp_to(kDrainTcp4, kNoSocketPort, SYN | 0x01), SHOAL_STAT_KEEP_SYN, kDrainTcp4),
        forwarded("TCP SYN-ACK is not a new flow and goes to the second hop",
                  tcp_to(kDrainTcp4, kNoSocketPort, SYN | ACK), SHOAL_STAT_FORWARD_SECOND_HOP,
                  kDrainTcp4, kPeer, std::nullopt, kNoSocketPort, 80),
        keep_case("TCP ACK of an established local connection is kept by its socket",
                  tcp_to(kDrainTcp4, kEstablishedPort), SHOAL_STAT_KEEP_SOCKET, kDrainTcp4),
        keep_case("IPv6 TCP ACK of an established local connection is kept by its socket",
                  tcp_to(kDrainTcp6, kEstablishedPort), SHOAL_STAT_KEEP_SOCKET, kDrainTcp6),
        keep_case("TCP RST of an established local connection is kept by its socket",
                  tcp_to(kDrainTcp4, kEstablishedPort, RST), SHOAL_STAT_KEEP_SOCKET, kDrainTcp4),
        with_valid_syncookie(
            keep_case("TCP ACK carrying a valid SYN cookie is kept by the listener",
                      tcp_to(kDrainTcp4, kSyncookiePort), SHOAL_STAT_KEEP_SYNCOOKIE, kDrainTcp4)),
        with_valid_syncookie(
            keep_case("IPv6 TCP ACK carrying a valid SYN cookie is kept by the listener",
                      tcp_to(kDrainTcp6, kSyncookiePort), SHOAL_STAT_KEEP_SYNCOOKIE, kDrainTcp6)),
        forwarded("TCP RST-ACK is not checked for a SYN cookie",
                  tcp_to(kDrainTcp4, kSyncookiePort, RST | ACK), SHOAL_STAT_FORWARD_SECOND_HOP,
                  kDrainTcp4, kPeer, std::nullopt, kSyncookiePort, 80),
        forwarded("TCP without ACK is not checked for a SYN cookie",
                  tcp_to(kDrainTcp4, kSyncookiePort, 0x08), SHOAL_STAT_FORWARD_SECOND_HOP,
                  kDrainTcp4, kPeer, std::nullopt, kSyncookiePort, 80),
        forwarded("TCP ACK without a local socket goes to the second hop",
                  tcp_to(kDrainTcp4, kNoSocketPort), SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                  kPeer, std::nullopt, kNoSocketPort, 80),
        forwarded("IPv6 TCP ACK without a local socket goes to the second hop",
                  tcp_to(kDrainTcp6, kNoSocketPort), SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp6,
                  kPeer, std::nullopt, kNoSocketPort, 80),
        keep_case("UDP from the peer of a connected socket is kept by the socket",
                  udp_to(kDrainUdp4, kUdpConnectedPort, 53), SHOAL_STAT_KEEP_SOCKET, kDrainUdp4),
        keep_case("IPv6 UDP from the peer of a connected socket is kept by the socket",
                  udp_to(kDrainUdp6, kUdpConnectedPort, 53), SHOAL_STAT_KEEP_SOCKET, kDrainUdp6),
        forwarded_with_ticket(
            "UDP without a connected socket goes to the second hop with a return ticket",
            udp_to(kDrainUdp4, kUdpNoSocketPort, 53), kDrainUdp4, kUdpNoSocketPort, 53),
        forwarded_with_ticket(
            "IPv6 UDP without a connected socket goes to the second hop with a return ticket",
            udp_to(kDrainUdp6, kUdpNoSocketPort, 53), kDrainUdp6, kUdpNoSocketPort, 53),
        keep_case("self as both hops keeps the flow at the last hop",
                  tcp_to(kSelfSelfTcp4, kNoSocketPort), SHOAL_STAT_KEEP_LAST_HOP, kSelfSelfTcp4),
    };
}

std::vector<PacketCase> peer_first_cases() {
    return {
        forwarded("TCP ACK for a peer's bucket goes to the first hop",
                  tcp_to(kPeerTcp4, kNoSocketPort), SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4, kPeer,
                  std::nullopt, kNoSocketPort, 80),
        forwarded("IPv6 TCP ACK for a peer's bucket goes to the first hop",
                  tcp_to(kPeerTcp6, kNoSocketPort), SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp6, kPeer,
                  std::nullopt, kNoSocketPort, 80),
        forwarded("TCP SYN for a peer's bucket goes to the first hop",
                  tcp_to(kPeerTcp4, kNoSocketPort, SYN), SHOAL_STAT_FORWARD_FIRST_HOP, kPeerTcp4,
                  kPeer, std::nullopt, kNoSocketPort, 80),
        forwarded("UDP for a peer's bucket goes to the first hop",
                  udp_to(kPeerUdp4, kUdpNoSocketPort, 443), SHOAL_STAT_FORWARD_FIRST_HOP, kPeerUdp4,
                  kPeer, std::nullopt, kUdpNoSocketPort, 443, 17),
        forwarded("IPv6 UDP for a peer's bucket goes to the first hop",
                  udp_to(kPeerUdp6, kUdpNoSocketPort, 443), SHOAL_STAT_FORWARD_FIRST_HOP, kPeerUdp6,
                  kPeer, std::nullopt, kUdpNoSocketPort, 443, 17),
        forwarded("first hop gets the bucket's second hop in the GUE hop list",
                  tcp_to(kTwoHopsTcp4, kNoSocketPort), SHOAL_STAT_FORWARD_FIRST_HOP, kTwoHopsTcp4,
                  kPeer, kV4Only, kNoSocketPort, 80),
        forwarded("peer as both hops sends an empty hop list", tcp_to(kPeerPeerTcp4, kNoSocketPort),
                  SHOAL_STAT_FORWARD_FIRST_HOP, kPeerPeerTcp4, kPeer, std::nullopt, kNoSocketPort,
                  80),
        keep_case("second hop keeps a flow its established socket owns",
                  tcp_to(kSecondTcp4, kEstablishedPort), SHOAL_STAT_KEEP_SECOND_HOP_OWNED,
                  kSecondTcp4),
        keep_case("IPv6 second hop keeps a flow its established socket owns",
                  tcp_to(kSecondTcp6, kEstablishedPort), SHOAL_STAT_KEEP_SECOND_HOP_OWNED,
                  kSecondTcp6),
        with_valid_syncookie(keep_case("second hop keeps an ACK with a valid SYN cookie",
                                       tcp_to(kSecondTcp4, kSyncookiePort),
                                       SHOAL_STAT_KEEP_SECOND_HOP_OWNED, kSecondTcp4)),
        forwarded("second hop without the TCP flow sends it to the first hop with an empty list",
                  tcp_to(kSecondTcp4, kNoSocketPort), SHOAL_STAT_FORWARD_FIRST_HOP, kSecondTcp4,
                  kPeer, std::nullopt, kNoSocketPort, 80),
        forwarded("IPv6 second hop without the TCP flow sends it on with an empty hop list",
                  tcp_to(kSecondTcp6, kNoSocketPort), SHOAL_STAT_FORWARD_FIRST_HOP, kSecondTcp6,
                  kPeer, std::nullopt, kNoSocketPort, 80),
        keep_case("second hop keeps a UDP flow its connected socket owns without the detour",
                  udp_to(kSecondUdp4, kUdpConnectedPort, 53), SHOAL_STAT_KEEP_SECOND_HOP_OWNED,
                  kSecondUdp4),
        keep_case("IPv6 second hop keeps a UDP flow its connected socket owns without the detour",
                  udp_to(kSecondUdp6, kUdpConnectedPort, 53), SHOAL_STAT_KEEP_SECOND_HOP_OWNED,
                  kSecondUdp6),
        forwarded("second hop sends UDP it does not own to the first hop with an empty hop list",
                  udp_to(kSecondUdp4, kUdpNoSocketPort, 53), SHOAL_STAT_FORWARD_FIRST_HOP,
                  kSecondUdp4, kPeer, std::nullopt, kUdpNoSocketPort, 53, 17),
        forwarded("IPv6 second hop sends UDP it does not own to the first hop with an empty list",
                  udp_to(kSecondUdp6, kUdpNoSocketPort, 53), SHOAL_STAT_FORWARD_FIRST_HOP,
                  kSecondUdp6, kPeer, std::nullopt, kUdpNoSocketPort, 53, 17),
        forwarded("second hop sends a SYN to the first hop, not naming itself, even with a socket",
                  tcp_to(kSecondTcp4, kEstablishedPort, SYN), SHOAL_STAT_FORWARD_FIRST_HOP,
                  kSecondTcp4, kPeer, std::nullopt, kEstablishedPort, 80),
        forwarded("source-address hashing ignores the client port", tcp_to(kSourceHashTcp4, 41000),
                  SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashTcp4, kPeer, std::nullopt, 41000, 80, 6,
                  true),
        forwarded("source-address hashing gives another port of the client the same hash",
                  tcp_to(kSourceHashTcp4, 52000), SHOAL_STAT_FORWARD_FIRST_HOP, kSourceHashTcp4,
                  kPeer, std::nullopt, 52000, 80, 6, true),
    };
}

// A client port whose bucket in a 0xFFFF mask is past a one-bucket table.
std::uint16_t port_past_short_table() {
    const World w = base_world();
    for (std::uint16_t port = kNoSocketPort;; ++port) {
        if ((expected_hash(w, {kClient4, vip(kShortTableTcp4), port, 80}) & 0xFFFF) != 0)
            return port;
    }
}

std::vector<PacketCase> table_cases() {
    return {
        drop_case("service whose slot has no table drops as no table",
                  tcp_to(kNoTableTcp4, kNoSocketPort), SHOAL_STAT_DROP_NO_TABLE, kNoTableTcp4),
        drop_case("bucket without a first hop drops as no table",
                  tcp_to(kNoFirstHopTcp4, kNoSocketPort), SHOAL_STAT_DROP_NO_TABLE,
                  kNoFirstHopTcp4),
        drop_case("bucket past the end of its table drops as no table",
                  tcp_to(kShortTableTcp4, port_past_short_table()), SHOAL_STAT_DROP_NO_TABLE,
                  kShortTableTcp4),
    };
}

}  // namespace

std::vector<PacketCase> bucket_cases() {
    return joined({self_first_cases, peer_first_cases, table_cases});
}

}  // namespace shoal::cases
