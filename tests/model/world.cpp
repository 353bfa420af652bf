// SPDX-License-Identifier: MIT
#include "world.h"

#include <netinet/in.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include "shoal_hash.h"

namespace shoal::cases {

using test::ip;
using test::mac;

const Mac kIngressMac = mac("02:00:00:00:01:01");
const Mac kOtherMac = mac("02:00:00:00:01:02");
const Mac kRouterMac = mac("02:00:00:00:09:01");
const Mac kPeerMac = mac("02:00:00:00:02:01");
const Mac kV4OnlyMac = mac("02:00:00:00:03:01");
const Mac kV6OnlyMac = mac("02:00:00:00:04:01");
const Mac kUnattachedMac = mac("02:00:00:00:01:03");
const Mac kFarMac = mac("02:00:00:00:08:01");
const Mac kSmallMtuMac = mac("02:00:00:00:0a:01");

const IpAddr kSelf4 = ip("198.18.0.1"), kSelf6 = ip("2001:db8::1");
const IpAddr kPeer4 = ip("198.18.0.2"), kPeer6 = ip("2001:db8::2");
const IpAddr kV4Only4 = ip("198.18.0.3"), kV6Only6 = ip("2001:db8::4");
const IpAddr kNoNeigh4 = ip("198.18.0.6"), kNoRoute4 = ip("198.18.0.7");
const IpAddr kUnused4 = ip("198.18.0.5");
const IpAddr kSmallMtu4 = ip("198.18.0.10"), kSmallMtu6 = ip("2001:db8::a");
const GueKey kGueKey = {0x6775652d6b65792dULL, 0x63757272656e7421ULL};
const GueKey kGueNextKey = {0x6775652d6b65792dULL, 0x6e6578742d6b6579ULL};
const GueKey kGueStrangerKey = {0x6e6f2d7365727665ULL, 0x722d686173206974ULL};
const IpAddr kClient4 = ip("198.18.2.1"), kClient6 = ip("2001:db8:2::1");
const IpAddr kRouter4 = ip("198.18.3.1"), kRouter6 = ip("2001:db8:3::1");

namespace {

constexpr std::uint16_t kNone = SHOAL_NO_SERVER;

struct ServiceSpec {
    const char* vip;
    std::uint8_t proto;
    std::uint16_t port;
    std::uint16_t first, second;
    std::uint8_t hash_mode = SHOAL_HASH_4TUPLE;
    std::uint8_t fragments = SHOAL_FRAGMENTS_PASS;
};

// Indexed by enum Service.
const ServiceSpec kServices[kServiceCount] = {
    {"198.18.1.1", IPPROTO_TCP, 80, kSelf, kNone},
    {"2001:db8:1::1", IPPROTO_TCP, 80, kSelf, kNone},
    {"198.18.1.1", IPPROTO_UDP, 53, kSelf, kNone, SHOAL_HASH_4TUPLE, SHOAL_FRAGMENTS_DROP},
    {"2001:db8:1::1", IPPROTO_UDP, 53, kSelf, kNone, SHOAL_HASH_4TUPLE, SHOAL_FRAGMENTS_DROP},
    {"198.18.1.2", IPPROTO_TCP, 0, kPeer, kNone},
    {"2001:db8:1::2", IPPROTO_TCP, 0, kPeer, kNone},
    {"198.18.1.2", IPPROTO_UDP, 443, kPeer, kNone},
    {"2001:db8:1::2", IPPROTO_UDP, 443, kPeer, kNone},
    {"198.18.1.3", IPPROTO_TCP, 80, kSelf, kPeer},
    {"2001:db8:1::3", IPPROTO_TCP, 80, kSelf, kPeer},
    {"198.18.1.3", IPPROTO_UDP, 53, kSelf, kPeer},
    {"2001:db8:1::3", IPPROTO_UDP, 53, kSelf, kPeer},
    {"198.18.1.4", IPPROTO_TCP, 80, kPeer, kSelf},
    {"2001:db8:1::4", IPPROTO_TCP, 80, kPeer, kSelf},
    {"198.18.1.5", IPPROTO_TCP, 80, kPeer, kV4Only},
    {"198.18.1.6", IPPROTO_TCP, 80, kSelf, kSelf},
    {"198.18.1.7", IPPROTO_TCP, 80, kPeer, kPeer},
    {"198.18.1.8", IPPROTO_TCP, 80, kPeer, kNone},  // its slot stays empty
    {"198.18.1.9", IPPROTO_TCP, 80, kNone, kNone},
    {"198.18.1.10", IPPROTO_TCP, 80, kPeer, kNone},  // one bucket, mask 0xFFFF
    {"198.18.1.11", IPPROTO_TCP, 80, kUnused, kNone},
    {"198.18.1.12", IPPROTO_TCP, 80, kBeyondMax, kNone},
    {"198.18.1.13", IPPROTO_TCP, 80, kNoNeigh, kNone},
    {"198.18.1.14", IPPROTO_TCP, 80, kNoRoute, kNone},
    {"2001:db8:1::15", IPPROTO_TCP, 80, kV4Only, kNone},
    {"198.18.1.16", IPPROTO_TCP, 80, kV6Only, kNone},
    {"198.18.1.16", IPPROTO_UDP, 53, kV6Only, kNone},
    {"2001:db8:1::16", IPPROTO_TCP, 80, kV6Only, kNone},
    {"198.18.1.17", IPPROTO_TCP, 80, kPeer, kNone, SHOAL_HASH_SRC_ADDR},
    {"198.18.1.4", IPPROTO_UDP, 53, kPeer, kSelf},
    {"2001:db8:1::4", IPPROTO_UDP, 53, kPeer, kSelf},
    {"198.18.1.18", IPPROTO_UDP, 53, kSelf, kNone, SHOAL_HASH_SRC_ADDR},
    {"2001:db8:1::17", IPPROTO_UDP, 53, kPeer, kNone, SHOAL_HASH_SRC_ADDR},
    {"198.18.1.19", IPPROTO_TCP, 80, kPeer, kSelf, SHOAL_HASH_SRC_ADDR},
    {"198.18.1.20", IPPROTO_TCP, 80, kFar, kNone},
};

model::Address addr_of(const IpAddr& a) {
    model::Address out{};
    std::memcpy(out.data(), a.bytes.data(), out.size());
    return out;
}

std::uint8_t family_of(const IpAddr& a) {
    return a.is_v4() ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
}

void add_server(World& w, std::uint16_t index, const char* v4, const char* v6) {
    shoal_server s{};
    if (v4) {
        std::memcpy(&s.dip4, ip(v4).bytes.data(), 4);
        s.flags |= SHOAL_SERVER_HAS_V4;
    }
    if (v6) {
        std::memcpy(s.dip6, ip(v6).bytes.data(), 16);
        s.flags |= SHOAL_SERVER_HAS_V6;
    }
    w.state.servers[index] = s;
}

void add_member(World& w, const IpAddr& a, std::uint32_t index) {
    w.state.members[model::make_member_key(family_of(a), addr_of(a))] = shoal_member{index};
}

void add_route(World& w, const IpAddr& dst, std::uint32_t ifindex, const Mac& smac, const Mac& dmac,
               bool neighbour = true, std::uint32_t mtu = kMtu) {
    w.fib.add_route(family_of(dst), addr_of(dst),
                    model::StaticRoute{ifindex, smac.bytes, dmac.bytes, mtu, neighbour});
}

model::SocketTuple tuple(const IpAddr& client, std::uint16_t port, const IpAddr& vip_addr,
                         std::uint16_t vip_port, std::uint8_t proto) {
    return {family_of(client), proto, addr_of(client), port, addr_of(vip_addr), vip_port};
}

void add_sockets(World& w) {
    for (Service s : {kDrainTcp4, kDrainTcp6, kSecondTcp4, kSecondTcp6}) {
        const IpAddr v = vip(s);
        const IpAddr& client = v.is_v4() ? kClient4 : kClient6;
        w.sockets.add_tcp_established(tuple(client, kEstablishedPort, v, 80, IPPROTO_TCP));
        w.sockets.add_tcp_listener(family_of(v), addr_of(v), 80);
        w.sockets.add_valid_syncookie(tuple(client, kSyncookiePort, v, 80, IPPROTO_TCP));
    }
    for (Service s : {kDrainUdp4, kDrainUdp6, kSecondUdp4, kSecondUdp6}) {
        const IpAddr v = vip(s);
        w.sockets.add_udp_connected(
            tuple(v.is_v4() ? kClient4 : kClient6, kUdpConnectedPort, v, 53, IPPROTO_UDP));
    }
}

}  // namespace

IpAddr vip(Service service) { return ip(kServices[service].vip); }

World base_world() {
    World w;
    shoal_config& c = w.state.config;
    c.hash_key[0] = 0x0123456789abcdefULL;
    c.hash_key[1] = 0x0fedcba987654321ULL;
    std::memcpy(&c.self_dip4, kSelf4.bytes.data(), 4);
    std::memcpy(c.self_dip6, kSelf6.bytes.data(), 16);
    c.self_index = kSelf;
    const std::uint8_t port_be[2] = {kGuePort >> 8, kGuePort & 0xFF};
    std::memcpy(&c.gue_port, port_be, 2);
    c.flags = SHOAL_SERVER_HAS_V4 | SHOAL_SERVER_HAS_V6;
    c.icmp_too_big_rate = 0xFFFFFFFF;
    c.icmp_too_big_burst = 0xFFFFFFFF;

    for (std::uint32_t id = 0; id < kServiceCount; ++id) {
        const ServiceSpec& spec = kServices[id];
        const IpAddr v = ip(spec.vip);
        shoal_service svc{};
        svc.service_id = id;
        svc.table_slot = id == kNoTableTcp4 ? kNoTableSlot : id;
        svc.bucket_mask = id == kShortTableTcp4 ? 0xFFFF : 0xFF;
        svc.hash_mode = spec.hash_mode;
        w.state.services[model::make_service_key(family_of(v), addr_of(v), spec.proto, spec.port)] =
            svc;
        // The fragment entry of {VIP, protocol}: the first (lowest-id) service there.
        shoal_service_key fragments =
            model::make_service_key(family_of(v), addr_of(v), spec.proto, 0);
        fragments.family |= SHOAL_FAMILY_FRAGMENTS;
        svc.fragments = spec.fragments;
        w.state.services.emplace(fragments, svc);
        if (id == kNoTableTcp4) continue;
        const std::size_t size = id == kShortTableTcp4 ? 1 : 256;
        w.state.tables[id] = std::vector<shoal_bucket>(size, {spec.first, spec.second});
    }

    add_server(w, kSelf, "198.18.0.1", "2001:db8::1");
    add_server(w, kPeer, "198.18.0.2", "2001:db8::2");
    add_server(w, kV4Only, "198.18.0.3", nullptr);
    add_server(w, kV6Only, nullptr, "2001:db8::4");
    w.state.servers[kUnused] = shoal_server{};
    add_server(w, kNoNeigh, "198.18.0.6", "2001:db8::6");
    add_server(w, kNoRoute, "198.18.0.7", "2001:db8::7");
    add_server(w, kFar, "198.18.0.8", "2001:db8::8");
    add_server(w, kSmallMtu, "198.18.0.10", "2001:db8::a");

    add_member(w, kPeer4, kPeer);
    add_member(w, kPeer6, kPeer);
    add_member(w, kV4Only4, kV4Only);
    add_member(w, kV6Only6, kV6Only);
    add_member(w, kUnused4, kUnused);

    add_route(w, kPeer4, kIngressIfindex, kIngressMac, kPeerMac);
    add_route(w, kPeer6, kIngressIfindex, kIngressMac, kPeerMac);
    add_route(w, kV4Only4, kOtherIfindex, kOtherMac, kV4OnlyMac);
    add_route(w, kV6Only6, kOtherIfindex, kOtherMac, kV6OnlyMac);
    add_route(w, kNoNeigh4, kIngressIfindex, kIngressMac, Mac{}, false);
    add_route(w, ip("198.18.0.8"), kUnattachedIfindex, kUnattachedMac, kFarMac);
    add_route(w, ip("2001:db8::8"), kUnattachedIfindex, kUnattachedMac, kFarMac);
    add_route(w, ip("2001:db8::6"), kIngressIfindex, kIngressMac, Mac{}, false);
    add_route(w, kSmallMtu4, kIngressIfindex, kIngressMac, kSmallMtuMac, true, kSmallMtuRoute);
    add_route(w, kSmallMtu6, kIngressIfindex, kIngressMac, kSmallMtuMac, true, kSmallMtuRoute);

    w.state.tx_ports = {kIngressIfindex, kOtherIfindex};
    add_sockets(w);
    return w;
}

std::function<void(World&)> gue_auth(std::uint8_t mode, bool next) {
    return [=](World& w) {
        shoal_gue_auth a{};
        a.mode = mode;
        a.key[0] = kGueKey[0];
        a.key[1] = kGueKey[1];
        if (next) {
            a.next_key[0] = kGueNextKey[0];
            a.next_key[1] = kGueNextKey[1];
            a.has_next = 1;
        }
        w.state.gue_auth = a;
    };
}

Packet from_client4(const IpAddr& dst) {
    return Packet().eth(kIngressMac, kRouterMac).ipv4(kClient4, dst);
}

Packet from_client6(const IpAddr& dst) {
    return Packet().eth(kIngressMac, kRouterMac).ipv6(kClient6, dst);
}

std::uint64_t expected_hash(const World& world, const FlowSpec& f) {
    // The word layout of bpf/shoal_hash.h's comment, with x86's little-endian loads.
    const auto load32 = [](const std::uint8_t* p) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return std::uint64_t{v};
    };
    const auto load64 = [](const std::uint8_t* p) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    };
    const auto port16 = [](std::uint16_t host) { return std::uint64_t{htons(host)}; };
    const bool v4 = f.src.is_v4();
    const std::uint64_t family = v4 ? 4 : 6;
    shoal_flow_words m{};
    if (f.source_hash) {
        if (v4) {
            m.w[m.count++] = load32(f.src.bytes.data());
        } else {
            m.w[m.count++] = load64(f.src.bytes.data());
            m.w[m.count++] = load64(f.src.bytes.data() + 8);
        }
        m.w[m.count++] = family << 40 | std::uint64_t{1} << 48;
    } else {
        if (v4) {
            m.w[m.count++] = load32(f.src.bytes.data()) | load32(f.dst.bytes.data()) << 32;
        } else {
            for (const IpAddr* a : {&f.src, &f.dst}) {
                m.w[m.count++] = load64(a->bytes.data());
                m.w[m.count++] = load64(a->bytes.data() + 8);
            }
        }
        m.w[m.count++] =
            port16(f.sport) | port16(f.dport) << 16 | std::uint64_t{f.proto} << 32 | family << 40;
    }
    return shoal_siphash13(world.state.config.hash_key, &m);
}

test::Gue return_ticket(std::uint16_t server) {
    test::Gue g = test::Gue::hop(server);
    g.priv_type = SHOAL_GUE_PRIV_RETURN;
    return g;
}

Bytes gue_from(const IpAddr& sender, const Bytes& inner, test::Gue gue, std::uint8_t outer_tos) {
    if (!gue.proto) gue.proto = inner.empty() || inner[0] >> 4 == 4 ? 4 : 41;
    Packet p;
    p.eth(kIngressMac, kPeerMac);
    if (sender.is_v4())
        p.ipv4(sender, kSelf4);
    else
        p.ipv6(sender, kSelf6);
    return p.tos(outer_tos).udp(50123, kGuePort).gue(gue).payload(inner).build();
}

namespace {

Bytes in_frame(const Mac& src, const Bytes& ip_packet) {
    return Packet()
        .eth(kIngressMac, src)
        .ethertype(ip_packet[0] >> 4 == 4 ? 0x0800 : 0x86DD)
        .payload(ip_packet)
        .build();
}

Packet bare_ip(const IpAddr& src, const IpAddr& dst) {
    Packet p;
    if (src.is_v4())
        p.ipv4(src, dst);
    else
        p.ipv6(src, dst);
    return p;
}

}  // namespace

Bytes decapsulated_frame(const Bytes& inner) { return in_frame(kPeerMac, inner); }
Bytes framed(const Bytes& ip_packet) { return in_frame(kRouterMac, ip_packet); }

Packet client_to_vip(Service s) {
    const IpAddr v = vip(s);
    return bare_ip(v.is_v4() ? kClient4 : kClient6, v);
}

Packet vip_to_client(Service s) {
    const IpAddr v = vip(s);
    return bare_ip(v, v.is_v4() ? kClient4 : kClient6);
}

Egress egress_of(const World& world, std::uint16_t target, int outer_family) {
    const shoal_server& s = world.state.servers.at(target);
    model::Address dst{};
    if (outer_family == 4) {
        std::memcpy(dst.data(), &s.dip4, 4);
    } else {
        std::memcpy(dst.data(), s.dip6, 16);
    }
    const std::uint8_t family = outer_family == 4 ? SHOAL_FAMILY_IPV4 : SHOAL_FAMILY_IPV6;
    const auto& route = world.fib.routes().at({family, dst});
    Egress e{route.ifindex, {}, {}};
    e.smac.bytes = route.smac;
    e.dmac.bytes = route.dmac;
    return e;
}

Bytes expected_encap(const World& world, const EncapSpec& spec) {
    if (spec.inner.empty()) throw std::invalid_argument("expected_encap: no inner packet");
    const bool inner_v4 = spec.inner[0] >> 4 == 4;
    const std::uint8_t tos =
        inner_v4 ? spec.inner[1]
                 : static_cast<std::uint8_t>((spec.inner[0] & 0x0F) << 4 | spec.inner[1] >> 4);
    const Egress egress = egress_of(world, spec.target, spec.outer_family);
    const shoal_server& target = world.state.servers.at(spec.target);

    Packet p;
    p.eth(egress.dmac, egress.smac);
    if (spec.vlan_tci)
        p.vlan(*spec.vlan_tci & 0x0FFF, static_cast<std::uint8_t>(*spec.vlan_tci >> 13));
    if (spec.outer_family == 4) {
        IpAddr dst{4, {}};
        std::memcpy(dst.bytes.data(), &target.dip4, 4);
        p.ipv4(kSelf4, dst).dont_fragment().ttl(64).tos(tos);
    } else {
        IpAddr dst{6, {}};
        std::memcpy(dst.bytes.data(), target.dip6, 16);
        p.ipv6(kSelf6, dst).ttl(64).tos(tos).flow_label(shoal_encap_flowlabel(spec.hash));
    }
    p.udp(shoal_encap_sport(spec.hash), kGuePort);
    if (spec.zero_udp_checksum) p.checksum(0);
    test::Gue gue = spec.hop ? test::Gue::hop(*spec.hop) : test::Gue{};
    if (spec.return_ticket) gue.priv_type = SHOAL_GUE_PRIV_RETURN;
    gue.proto = inner_v4 ? 4 : 41;
    if (spec.tag_key) gue = gue.tagged();
    p.gue(gue).payload(spec.inner);
    Bytes frame = p.build();
    if (spec.tag_key) seal_gue(frame, *spec.tag_key);
    return frame;
}

}  // namespace shoal::cases
