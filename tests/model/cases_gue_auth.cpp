// SPDX-License-Identifier: MIT
// §8: GUE authentication: tags checked in each mode, with the current and the next key, the
// tampering the tag catches, and the tags a sender writes (first hop, second hop, IPv6 outer).
#include "cases.h"
#include "gue_frames.h"

namespace shoal::cases {
namespace {

using test::Gue;
using test::tcp_flags::ACK;

constexpr std::uint8_t kOff = SHOAL_GUE_AUTH_OFF;
constexpr std::uint8_t kPermissive = SHOAL_GUE_AUTH_PERMISSIVE;
constexpr std::uint8_t kEnforce = SHOAL_GUE_AUTH_ENFORCE;

// GUE from server 2 carrying inner, tagged under key when there is one.
Bytes member_frame(const Bytes& inner, std::optional<GueKey> key, Gue gue = {},
                   int outer_family = 4) {
    return key ? sealed_gue_frame(inner, *key, gue, outer_family)
               : gue_frame(inner, gue, outer_family);
}

// The same moving on to server 2: sent by server 3, since a hop list never names its sender.
Bytes relayed_frame(const Bytes& inner, std::optional<GueKey> key) {
    return key ? sealed_gue_frame(inner, *key, Gue::hop(kPeer), 4, &kV4Only4)
               : gue_frame(inner, Gue::hop(kPeer), 4, std::nullopt, &kV4Only4);
}

PacketCase in_mode(PacketCase c, std::uint8_t mode, bool next = false) {
    return tweaked(std::move(c), gue_auth(mode, next));
}

PacketCase kept(std::string name, const Bytes& frame, const Bytes& inner, Service s) {
    return keep_case(std::move(name), frame, SHOAL_STAT_KEEP_LAST_HOP, s, decapsulated(inner),
                     true);
}

PacketCase rejected(std::string name, const Bytes& frame, shoal_stat event) {
    return with_auth_event(
        drop_case(std::move(name), frame, SHOAL_STAT_DROP_GUE_AUTH, SHOAL_STATS_ROW_NONE), event);
}

// Byte offsets in a member_frame over IPv4: outer source, GUE next hop, inner TCP source port.
constexpr std::size_t kOuterSrc = 14 + 12;
constexpr std::size_t kGueNextHop = 14 + 20 + 8 + 6;
constexpr std::size_t kInnerSport = 14 + 20 + 8 + 16 + 20;

std::vector<PacketCase> receive_cases() {
    const Bytes local = inner_tcp(kLocalTcp4, kNoSocketPort);
    const Bytes local6 = inner_tcp(kLocalTcp6, kNoSocketPort);
    const Bytes good = member_frame(local, kGueKey);
    const Bytes next = member_frame(local, kGueNextKey);
    const Bytes stranger = member_frame(local, kGueStrangerKey);
    const Bytes untagged = member_frame(local, std::nullopt);
    const Bytes good6 = member_frame(local6, kGueKey, {}, 6);
    const Bytes icmp =
        Packet()
            .ipv4(kRouter4, vip(kLocalTcp4))
            .icmp_frag_needed(
                1400, Packet().ipv4(vip(kLocalTcp4), kClient4).tcp(80, kNoSocketPort).truncate(28))
            .build();
    Bytes icmp_tampered = member_frame(icmp, kGueKey);
    icmp_tampered[14 + 20 + 8 + 16 + 20 + 2] ^= 0x01;  // the ICMP checksum: covered by the tag
    Bytes hop_tampered = relayed_frame(inner_tcp(kDrainTcp4, kNoSocketPort), kGueKey);
    hop_tampered[kGueNextHop + 1] = kV6Only;  // another member, not what was signed
    Bytes port_tampered = member_frame(local, kGueKey);
    port_tampered[kInnerSport + 1] ^= 0x01;
    Bytes source_tampered = member_frame(local, kGueKey);
    source_tampered[kOuterSrc + 3] = kV4Only4.bytes[3];  // another member's DIP
    return {
        in_mode(
            kept("permissive: GUE tagged with the current key is kept", good, local, kLocalTcp4),
            kPermissive),
        in_mode(kept("enforce: GUE tagged with the current key is kept", good, local, kLocalTcp4),
                kEnforce),
        in_mode(kept("enforce: GUE over IPv6 with a valid tag is kept", good6, local6, kLocalTcp6),
                kEnforce),
        in_mode(kept("enforce: GUE tagged with the next key is kept during a rotation", next, local,
                     kLocalTcp4),
                kEnforce, true),
        in_mode(rejected("enforce: GUE tagged with the next key fails without a rotation", next,
                         SHOAL_STAT_GUE_AUTH_BAD),
                kEnforce),
        in_mode(rejected("enforce: GUE tagged with a key no server has is dropped", stranger,
                         SHOAL_STAT_GUE_AUTH_BAD),
                kEnforce, true),
        in_mode(with_auth_event(kept("permissive: GUE with a wrong tag is counted and kept",
                                     stranger, local, kLocalTcp4),
                                SHOAL_STAT_GUE_AUTH_BAD),
                kPermissive),
        in_mode(with_auth_event(kept("permissive: GUE without a tag is counted as missing and "
                                     "kept",
                                     untagged, local, kLocalTcp4),
                                SHOAL_STAT_GUE_AUTH_MISSING),
                kPermissive),
        in_mode(rejected("enforce: GUE without a tag is dropped as missing", untagged,
                         SHOAL_STAT_GUE_AUTH_MISSING),
                kEnforce),
        in_mode(kept("off: GUE without a tag is kept without a check", untagged, local, kLocalTcp4),
                kOff),
        in_mode(kept("off: a tagged GUE header (hlen 3) is accepted without a check", stranger,
                     local, kLocalTcp4),
                kOff),
        kept("no shoal_gue_auth entry: a tagged GUE header is accepted (mode off)", stranger, local,
             kLocalTcp4),
        in_mode(rejected("enforce: a hop list changed after tagging fails", hop_tampered,
                         SHOAL_STAT_GUE_AUTH_BAD),
                kEnforce),
        in_mode(rejected("enforce: inner ports changed after tagging fail", port_tampered,
                         SHOAL_STAT_GUE_AUTH_BAD),
                kEnforce),
        in_mode(rejected("enforce: an outer source changed to another member's fails",
                         source_tampered, SHOAL_STAT_GUE_AUTH_BAD),
                kEnforce),
        in_mode(keep_case("enforce: a tagged inner ICMP error is checked by its type, code and "
                          "checksum",
                          member_frame(icmp, kGueKey), SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4,
                          decapsulated(icmp), true),
                kEnforce),
        in_mode(rejected("enforce: an inner ICMP error changed after tagging fails", icmp_tampered,
                         SHOAL_STAT_GUE_AUTH_BAD),
                kEnforce),
    };
}

std::uint64_t hash_of(const IpAddr& client, Service s, std::uint16_t sport, std::uint16_t dport,
                      std::uint8_t proto = 6) {
    return expected_hash(base_world(), {client, vip(s), sport, dport, proto});
}

EncapSpec tagged(EncapSpec spec) {
    spec.tag_key = kGueKey;
    return spec;
}

Bytes ip_packet(const Bytes& frame) { return Bytes(frame.begin() + 14, frame.end()); }

// A client's TCP packet (from kNoSocketPort to port 80) to service s, forwarded to its first hop
// `target` in the outer family given, with the tag of the current key, in `mode`.
PacketCase tagged_first_hop(std::string name, const Bytes& frame, Service s, std::uint16_t target,
                            int outer_family, std::uint8_t mode) {
    const IpAddr& client = vip(s).is_v4() ? kClient4 : kClient6;
    return in_mode(forward_case(std::move(name), frame, SHOAL_STAT_FORWARD_FIRST_HOP, s,
                                tagged({target, outer_family, std::nullopt,
                                        hash_of(client, s, kNoSocketPort, 80), ip_packet(frame)})),
                   mode);
}

std::vector<PacketCase> send_cases() {
    const Bytes first4 = from_client4(vip(kPeerTcp4)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes first6 = from_client6(vip(kPeerTcp6)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes v4_in_v6 =
        from_client4(vip(kV6OnlyTcp4)).tcp(kNoSocketPort, 80).payload("x").build();
    const Bytes udp = from_client4(vip(kDrainUdp4)).udp(kUdpNoSocketPort, 53).payload("q").build();
    const Bytes drain = inner_tcp(kDrainTcp4, kNoSocketPort);
    return {
        tagged_first_hop("permissive: a first-hop forward carries the tag (IPv4 outer)", first4,
                         kPeerTcp4, kPeer, 4, kPermissive),
        tagged_first_hop("enforce: the IPv6 outer UDP checksum covers the tag", first6, kPeerTcp6,
                         kPeer, 6, kEnforce),
        tagged_first_hop("enforce: an IPv4 packet in an IPv6 outer header is tagged", v4_in_v6,
                         kV6OnlyTcp4, kV6Only, 6, kEnforce),
        in_mode(forward_case("enforce: a UDP return ticket is tagged", udp,
                             SHOAL_STAT_FORWARD_SECOND_HOP, kDrainUdp4,
                             [&] {
                                 EncapSpec s = tagged(
                                     {kPeer, 4, kSelf,
                                      hash_of(kClient4, kDrainUdp4, kUdpNoSocketPort, 53, 17),
                                      ip_packet(udp)});
                                 s.return_ticket = true;
                                 return s;
                             }()),
                kEnforce),
        in_mode(forward_case("enforce: a tagged packet moving on to its second hop is tagged "
                             "again by this server",
                             relayed_frame(drain, kGueKey),
                             SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                             tagged({kPeer, 4, std::nullopt,
                                     hash_of(kClient4, kDrainTcp4, kNoSocketPort, 80), drain}),
                             true),
                kEnforce, true),
        in_mode(with_auth_event(
                    forward_case("permissive: an untagged packet moving on is counted and tagged",
                                 relayed_frame(drain, std::nullopt),
                                 SHOAL_STAT_FORWARD_SECOND_HOP, kDrainTcp4,
                                 tagged({kPeer, 4, std::nullopt,
                                         hash_of(kClient4, kDrainTcp4, kNoSocketPort, 80), drain}),
                                 true),
                    SHOAL_STAT_GUE_AUTH_MISSING),
                kPermissive),
    };
}

}  // namespace

std::vector<PacketCase> gue_auth_cases() {
    std::vector<PacketCase> all = receive_cases();
    for (PacketCase& c : send_cases()) all.push_back(std::move(c));
    return all;
}

}  // namespace shoal::cases
