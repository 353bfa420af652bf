// SPDX-License-Identifier: MIT
#include "gue_frames.h"

namespace shoal::cases {

Bytes gue_frame(const Bytes& inner, test::Gue gue, int outer_family,
                std::optional<std::uint16_t> vlan, const IpAddr* from) {
    if (!gue.proto) gue.proto = inner.empty() || inner[0] >> 4 == 4 ? 4 : 41;
    Packet p;
    p.eth(kIngressMac, kPeerMac);
    if (vlan) p.vlan(*vlan);
    if (outer_family == 4) {
        p.ipv4(from ? *from : kPeer4, kSelf4);
    } else {
        p.ipv6(from ? *from : kPeer6, kSelf6);
    }
    return p.udp(kOuterSport, kGuePort).gue(gue).payload(inner).build();
}

Bytes sealed_gue_frame(const Bytes& inner, const GueKey& key, test::Gue gue, int outer_family,
                       const IpAddr* from) {
    Bytes frame = gue_frame(inner, gue.tagged(), outer_family, std::nullopt, from);
    seal_gue(frame, key);
    return frame;
}

Bytes decapsulated(const Bytes& inner, std::optional<std::uint16_t> vlan) {
    if (!vlan) return decapsulated_frame(inner);
    return Packet()
        .eth(kIngressMac, kPeerMac)
        .vlan(*vlan)
        .ethertype(inner[0] >> 4 == 4 ? 0x0800 : 0x86DD)
        .payload(inner)
        .build();
}

Bytes inner_tcp(Service s, std::uint16_t client_port, std::uint8_t flags) {
    return client_to_vip(s).tcp(client_port, 80).flags(flags).payload("data").build();
}

Bytes inner_udp(Service s, std::uint16_t client_port) {
    return client_to_vip(s).udp(client_port, 53).payload("query").build();
}

}  // namespace shoal::cases
