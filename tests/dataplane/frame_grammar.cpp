// SPDX-License-Identifier: MIT
#include "frame_grammar.h"

#include <netinet/in.h>

#include <algorithm>
#include <cstring>

namespace shoal::test {
namespace {

using namespace tcp_flags;
using cases::kGuePort;

constexpr std::uint16_t kTcpClientPorts[] = {cases::kNoSocketPort, cases::kEstablishedPort,
                                             cases::kSyncookiePort};
constexpr std::uint16_t kUdpClientPorts[] = {cases::kUdpNoSocketPort, cases::kUdpConnectedPort};
// ACK (often), PSH|ACK, SYN, SYN|ACK, RST, RST|ACK, FIN|ACK, SYN|FIN, none, URG|ACK.
const std::vector<std::uint8_t> kTcpFlags = {0x10, 0x10, 0x10, 0x18, 0x02, 0x02, 0x12,
                                             0x04, 0x14, 0x11, 0x03, 0x00, 0x30};

IpAddr ip_of(std::uint8_t family, const std::uint8_t (&addr)[16]) {
    IpAddr a;
    a.family = family == SHOAL_FAMILY_IPV4 ? 4 : 6;
    std::memcpy(a.bytes.data(), addr, a.size());
    return a;
}

std::string hex(unsigned v) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    do {
        s.insert(s.begin(), digits[v & 0xF]);
        v >>= 4;
    } while (v);
    return "0x" + s;
}

}  // namespace

IpAddr random_address(Dice& dice, int family) {
    IpAddr a;
    a.family = family;
    for (std::size_t i = 0; i < a.size(); ++i) a.bytes[i] = dice.byte();
    return a;
}

FrameGrammar::FrameGrammar(const cases::World& world, const IssuedCookieSockets& cookies)
    : cookies_(cookies) {
    for (const auto& [key, service] : world.state.services)
        if (!(key.family & SHOAL_FAMILY_FRAGMENTS))
            services_.push_back({ip_of(key.family, key.addr), key.proto, ntohs(key.port)});
    for (const auto& [key, member] : world.state.members)
        (key.family == SHOAL_FAMILY_IPV4 ? members4_ : members6_)
            .push_back(ip_of(key.family, key.addr));
}

GeneratedFrame FrameGrammar::generate(Dice& dice) const {
    GeneratedFrame g;
    g.ingress_ifindex = dice.chance(0.85) ? cases::kIngressIfindex : cases::kOtherIfindex;
    g.recipe = "ifindex " + std::to_string(g.ingress_ifindex) + ": ";
    switch (dice.weighted({45, 10, 30, 10, 5})) {
        case 0:
            g.frame = frame_around(dice, service_packet(dice, g.recipe, false), g.recipe);
            break;
        case 1:
            g.frame = frame_around(dice, icmp_error(dice, g.recipe), g.recipe);
            break;
        case 2:
            g.frame = frame_around(dice, gue_packet(dice, g.recipe), g.recipe);
            break;
        case 3:
            g.frame = frame_around(dice, other_ip(dice, g.recipe), g.recipe);
            break;
        default:
            g.frame = non_ip_frame(dice, g.recipe);
    }
    return g;
}

// Ethernet (and maybe an 802.1Q tag) around an IP packet, maybe with padding or a trailer.
Bytes FrameGrammar::frame_around(Dice& dice, const Bytes& ip, std::string& recipe) const {
    Packet p;
    Mac dst = cases::kIngressMac;
    if (dice.chance(0.1)) {
        const Bytes b = dice.bytes(6);
        std::copy(b.begin(), b.end(), dst.bytes.begin());
    }
    p.eth(dst, dice.chance(0.5) ? cases::kRouterMac : cases::kPeerMac);
    if (dice.chance(0.15)) {
        const auto vid = static_cast<std::uint16_t>(dice.between(0, 4095));
        p.vlan(vid, static_cast<std::uint8_t>(dice.between(0, 7)));
        recipe += " vlan " + std::to_string(vid);
    }
    p.ethertype(!ip.empty() && ip[0] >> 4 == 6 ? 0x86DD : 0x0800).payload(ip);
    if (dice.chance(0.1)) {
        p.pad_to(60);
        recipe += " padded to 60";
    } else if (dice.chance(0.08)) {
        const auto n = dice.between(1, 40);
        p.trailer(dice.bytes(n));
        recipe += " trailer " + std::to_string(n);
    }
    return p.build();
}

IpAddr FrameGrammar::client(Dice& dice, int family) const {
    if (dice.chance(0.85)) return family == 4 ? cases::kClient4 : cases::kClient6;
    return random_address(dice, family);
}

Bytes FrameGrammar::payload(Dice& dice, std::size_t near_mtu_room) const {
    switch (dice.weighted({70, 25, 5})) {
        case 0:
            return dice.bytes(dice.between(0, 64));
        case 1:
            return dice.bytes(dice.between(65, 600));
        default:  // around the size whose encapsulation meets the MTU
            return dice.bytes(near_mtu_room - 8 + dice.between(0, 16));
    }
}

// An IP header with random TOS/TTL, IPv4 options and fragments, IPv6 extension headers.
void FrameGrammar::add_ip(Packet& p, Dice& dice, const IpAddr& src, const IpAddr& dst,
                          std::string& recipe) const {
    recipe += " " + src.str() + " -> " + dst.str();
    if (src.is_v4()) {
        p.ipv4(src, dst);
        if (dice.chance(0.5)) p.dont_fragment();
        if (dice.chance(0.1)) {
            Bytes options = dice.chance(0.5) ? Bytes(dice.between(1, 10) * 4, 0x01)
                                             : dice.bytes(dice.between(1, 40));
            recipe += " options " + std::to_string(options.size());
            p.ip_options(options);
        }
        if (dice.chance(0.06)) {
            const bool more = dice.chance(0.5);
            const auto offset =
                static_cast<std::uint16_t>(more ? dice.between(0, 3) : dice.between(1, 200));
            p.fragment(offset, more);
            recipe += " fragment " + std::to_string(offset) + (more ? "+MF" : "");
        }
    } else {
        p.ipv6(src, dst);
        if (dice.chance(0.3)) p.flow_label(static_cast<std::uint32_t>(dice.between(0, 0xFFFFF)));
        if (dice.chance(0.15)) {
            const auto n = dice.between(1, 5);
            recipe += " ext";
            for (std::uint64_t i = 0; i < n; ++i) {
                const auto len =
                    static_cast<std::uint8_t>(dice.chance(0.05) ? 31 : dice.between(0, 3));
                switch (dice.between(0, 2)) {
                    case 0:
                        p.hop_by_hop(len);
                        recipe += " hbh" + std::to_string(len);
                        break;
                    case 1:
                        p.routing(len);
                        recipe += " rt" + std::to_string(len);
                        break;
                    default:
                        p.destination_options(len);
                        recipe += " dst" + std::to_string(len);
                }
            }
        }
        if (dice.chance(0.06)) {
            p.ipv6_fragment(static_cast<std::uint16_t>(dice.between(0, 100)), dice.chance(0.5));
            recipe += " fragment-header";
        }
    }
    // Every ECN codepoint (RFC 6040 at decapsulation), and the TTLs the redirector stops at.
    std::uint8_t tos = dice.chance(0.3) ? dice.byte() : 0;
    if (dice.chance(0.3)) tos = static_cast<std::uint8_t>((tos & ~3) | dice.between(0, 3));
    p.tos(tos);
    if (dice.chance(0.15)) {
        const auto ttl = static_cast<std::uint8_t>(dice.between(0, 2));
        p.ttl(ttl);
        recipe += " ttl " + std::to_string(ttl);
    } else if (dice.chance(0.2)) {
        p.ttl(dice.byte());
    }
}

void FrameGrammar::add_tcp(Packet& p, Dice& dice, const IpAddr& src, const IpAddr& dst,
                           std::uint16_t sport, std::uint16_t dport, std::string& recipe) const {
    const std::uint8_t flags = dice.chance(0.05) ? dice.byte() : dice.pick(kTcpFlags);
    p.tcp(sport, dport).flags(flags).seq(dice.u32()).ack_number(dice.u32()).window(dice.u16());
    recipe +=
        " tcp " + std::to_string(sport) + "->" + std::to_string(dport) + " flags " + hex(flags);
    const model::SocketTuple tuple{static_cast<std::uint8_t>(src.is_v4() ? 4 : 6),
                                   IPPROTO_TCP,
                                   src.bytes,
                                   sport,
                                   dst.bytes,
                                   dport};
    for (const IssuedCookie& c : cookies_.cookies()) {
        if (c.tuple == tuple && dice.chance(0.6)) {
            // The cookie's numbers, maybe both shifted, maybe ack - seq a little off (the
            // kernel's check tolerates some offsets: IssuedCookie::accepts).
            const std::uint32_t shift = dice.chance(0.3) ? dice.u32() : 0;
            const auto off = static_cast<std::uint32_t>(
                dice.chance(0.3) ? static_cast<std::int32_t>(dice.between(0, 10)) - 5 : 0);
            p.seq(c.ack_seq() + shift).ack_number(c.ack_number() + shift + off);
            recipe += " with its SYN cookie, ack off by " +
                      std::to_string(static_cast<std::int32_t>(off));
            break;
        }
    }
    if (dice.chance(0.1)) p.tcp_options(dice.bytes(dice.between(1, 12)));
}

Bytes FrameGrammar::service_packet(Dice& dice, std::string& recipe, bool as_inner) const {
    const ServiceTarget& s = dice.pick(services_);
    const int family = s.vip.family;
    const IpAddr src = client(dice, family);
    std::uint16_t dport = s.port ? s.port : static_cast<std::uint16_t>(dice.between(1, 65535));
    if (dice.chance(0.05)) dport = dice.u16();  // maybe no service on that port
    Packet p;
    recipe += as_inner ? " inner" : " service";
    add_ip(p, dice, src, s.vip, recipe);
    if (s.proto == IPPROTO_TCP) {
        const std::uint16_t sport =
            dice.chance(0.8) ? kTcpClientPorts[dice.between(0, 2)] : dice.u16();
        add_tcp(p, dice, src, s.vip, sport, dport, recipe);
        if (dice.chance(0.04)) {  // invariant 4: past the packet, below 5, or just right
            const auto doff = static_cast<std::uint8_t>(dice.between(0, 15));
            p.data_offset(doff);
            recipe += " doff " + std::to_string(doff);
        }
    } else {
        const std::uint16_t sport =
            dice.chance(0.8) ? kUdpClientPorts[dice.between(0, 1)] : dice.u16();
        p.udp(sport, dport);
        recipe += " udp " + std::to_string(sport) + "->" + std::to_string(dport);
        if (dice.chance(0.1)) {
            p.checksum(0);
            recipe += " no checksum";
        }
        if (dice.chance(0.04)) {  // invariant 4: below 8, past the packet, or short of it
            const auto len =
                static_cast<std::uint16_t>(dice.chance(0.5) ? dice.between(0, 16) : dice.u16());
            p.udp_length(len);
            recipe += " udp length " + std::to_string(len);
        }
    }
    const std::size_t header = (family == 4 ? 20 : 40) + (s.proto == IPPROTO_TCP ? 20 : 8);
    const std::size_t outer = (family == 4 ? 20 : 40) + 16 + (as_inner ? 14 : 0);
    return p.payload(payload(dice, cases::kMtu - outer - header)).build();
}

Bytes FrameGrammar::gue_packet(Dice& dice, std::string& recipe) const {
    const int family = dice.chance(0.5) ? 4 : 6;
    const std::vector<IpAddr>& members = family == 4 ? members4_ : members6_;
    const IpAddr src = dice.chance(0.8) ? dice.pick(members) : client(dice, family);
    const IpAddr self = family == 4 ? cases::kSelf4 : cases::kSelf6;
    const IpAddr dst = dice.chance(0.9) ? self : random_address(dice, family);

    Bytes inner;
    switch (dice.weighted({70, 15, 10, 5})) {
        case 0:
            inner = service_packet(dice, recipe, true);
            break;
        case 1:
            inner = icmp_error(dice, recipe);
            break;
        case 2:
            inner = other_ip(dice, recipe);
            break;
        default:
            inner = dice.bytes(dice.between(0, 40));
            recipe += " inner garbage";
    }
    Gue g;
    g.proto = !inner.empty() && inner[0] >> 4 == 6 ? 41 : 4;
    if (dice.chance(0.5)) {
        const std::vector<std::uint16_t> hops = {
            cases::kSelf,   cases::kPeer,    cases::kV4Only,  cases::kV6Only,
            cases::kUnused, cases::kNoNeigh, cases::kNoRoute, SHOAL_MAX_SERVERS - 1};
        g = Gue::hop(dice.chance(0.9)
                         ? dice.pick(hops)
                         : static_cast<std::uint16_t>(dice.between(0, SHOAL_MAX_SERVERS - 1)));
        g.proto = !inner.empty() && inner[0] >> 4 == 6 ? 41 : 4;
        if (dice.chance(0.4)) {
            g.priv_type = SHOAL_GUE_PRIV_RETURN;
            recipe += " return-ticket";
        }
    }
    if (dice.chance(0.12)) {
        switch (dice.between(0, 6)) {
            case 0:
                g.ver_c_hlen = dice.byte();
                break;
            case 1:
                g.proto = dice.byte();
                break;
            case 2:
                g.flags = dice.u16();
                break;
            case 3:
                g.priv_type = dice.byte();
                break;
            case 4:
                g.hop_count = static_cast<std::uint8_t>(dice.between(0, 3));
                break;
            case 5:  // the other list type: an empty return ticket, a hop list without a hop...
                g.priv_type = g.priv_type == SHOAL_GUE_PRIV_RETURN ? SHOAL_GUE_PRIV_HOPS
                                                                   : SHOAL_GUE_PRIV_RETURN;
                if (dice.chance(0.5)) g.hop_count = static_cast<std::uint8_t>(dice.between(0, 2));
                break;
            default:
                g.next_hop = dice.u16();
        }
        recipe += " corrupt-gue";
    }
    const bool tagged = dice.chance(0.45);  // hlen 3 (§8), usually sealed with a key below
    if (tagged) {
        const Bytes b = dice.bytes(8);
        std::array<std::uint8_t, 8> tag;
        std::copy(b.begin(), b.end(), tag.begin());
        g = g.tagged(tag);
    }
    recipe += " gue type " + hex(g.priv_type) + " hops " + std::to_string(g.hop_count) + " next " +
              std::to_string(g.next_hop) + " proto " + std::to_string(*g.proto) + " outer";
    Packet p;
    add_ip(p, dice, src, dst, recipe);
    if (dice.chance(0.3)) {  // outer ECN over the inner's (RFC 6040)
        const auto ecn = static_cast<std::uint8_t>(dice.between(0, 3));
        p.tos(ecn);
        recipe += " outer ecn " + std::to_string(ecn);
    }
    p.udp(static_cast<std::uint16_t>(dice.between(49152, 65535)),
          dice.chance(0.92) ? kGuePort : dice.u16());
    if (family == 4 || dice.chance(0.2)) p.checksum(0);
    Bytes packet = p.gue(g).payload(inner).build();
    if (tagged && dice.chance(0.85)) seal(packet, dice, recipe);
    return packet;
}

// Tags a GUE packet (hlen 3) with the world's current or next key, or one no server has.
void FrameGrammar::seal(Bytes& packet, Dice& dice, std::string& recipe) const {
    const std::size_t which = dice.weighted({55, 30, 15});
    const cases::GueKey& key = which == 0   ? cases::kGueKey
                               : which == 1 ? cases::kGueNextKey
                                            : cases::kGueStrangerKey;
    Bytes frame = Packet()
                      .eth(cases::kIngressMac, cases::kPeerMac)
                      .ethertype(!packet.empty() && packet[0] >> 4 == 6 ? 0x86DD : 0x0800)
                      .payload(packet)
                      .build();
    try {
        cases::seal_gue(frame, key);
        packet.assign(frame.begin() + 14, frame.end());
        recipe += which == 0 ? " tag(key)" : which == 1 ? " tag(next key)" : " tag(stranger)";
    } catch (const std::exception&) {
        recipe += " tag(random)";  // nothing to seal: a cut or garbage packet
    }
}

Bytes FrameGrammar::other_ip(Dice& dice, std::string& recipe) const {
    const int family = dice.chance(0.5) ? 4 : 6;
    const IpAddr src = client(dice, family);
    IpAddr dst = random_address(dice, family);
    if (dice.chance(0.4)) dst = dice.pick(services_).vip;
    if (dice.chance(0.2)) dst = family == 4 ? cases::kSelf4 : cases::kSelf6;
    if (dst.family != family) dst = random_address(dice, family);
    Packet p;
    recipe += " other";
    add_ip(p, dice, src, dst, recipe);
    switch (dice.between(0, 4)) {
        case 0:
            add_tcp(p, dice, src, dst, dice.u16(), dice.chance(0.3) ? kGuePort : dice.u16(),
                    recipe);
            break;
        case 1:
            p.udp(dice.u16(), dice.chance(0.3) ? kGuePort : dice.u16());
            recipe += " udp";
            break;
        case 2:
            family == 4 ? p.icmp(dice.byte(), dice.byte()) : p.icmp6(dice.byte(), dice.byte());
            recipe += " icmp";
            break;
        default: {
            const std::uint8_t proto = dice.pick(std::vector<std::uint8_t>{47, 50, 132, 59, 255});
            p.ip_proto(proto);
            recipe += " proto " + std::to_string(proto);
        }
    }
    return p.payload(dice.bytes(dice.between(0, 80))).build();
}

Bytes FrameGrammar::non_ip_frame(Dice& dice, std::string& recipe) const {
    Packet p;
    p.eth(cases::kIngressMac, cases::kRouterMac);
    switch (dice.between(0, 3)) {
        case 0: {
            const std::uint16_t type =
                dice.pick(std::vector<std::uint16_t>{0x0806, 0x88CC, 0x8847, 0x88B5});
            p.ethertype(type).payload(dice.bytes(dice.between(0, 60)));
            recipe += " ethertype " + hex(type);
            break;
        }
        case 1:  // stacked tags: Shoal reads one
            p.vlan(static_cast<std::uint16_t>(dice.between(0, 4095)))
                .vlan(static_cast<std::uint16_t>(dice.between(0, 4095)))
                .ipv4(cases::kClient4, cases::vip(cases::kLocalTcp4))
                .tcp(cases::kNoSocketPort, 80);
            recipe += " two vlan tags";
            break;
        case 2:
            p.ethertype(0x88A8).vlan(7).ipv4(cases::kClient4, cases::kSelf4).tcp(1, 2);
            recipe += " 802.1ad";
            break;
        default:
            p.ethertype(dice.u16()).payload(dice.bytes(dice.between(0, 60)));
            recipe += " random ethertype";
    }
    return p.build();
}

}  // namespace shoal::test
