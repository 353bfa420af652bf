// SPDX-License-Identifier: MIT
#include "xdp_rig/syncookie_issuer.h"

#include <netinet/in.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>

#include "packet/packet.h"
#include "world.h"

namespace shoal::test {
namespace {

constexpr std::uint8_t kSynAck = tcp_flags::SYN | tcp_flags::ACK;
constexpr std::size_t kMaxGueDepth = 2;
constexpr std::uint16_t kSynMss = 1460;
// The kernel's cookie MSS tables (net/ipv4/syncookies.c msstab, net/ipv6/syncookies.c msstab).
constexpr std::uint16_t kMssTable4[] = {536, 1300, 1440, 1460};
constexpr std::uint16_t kMssTable6[] = {1280 - 60, 1480 - 60, 1500 - 60, 9000 - 60};

// The largest entry not above the announced MSS, as cookie_v4/v6_init_sequence picks it.
int mss_index(std::uint8_t family, std::uint16_t mss) {
    const std::uint16_t* table = family == SHOAL_FAMILY_IPV4 ? kMssTable4 : kMssTable6;
    int index = 0;
    for (int i = 0; i < 4; ++i)
        if (table[i] <= mss) index = i;
    return index;
}

std::uint16_t be16(const Bytes& b, std::size_t off) {
    return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

std::uint32_t be32(const Bytes& b, std::size_t off) {
    return std::uint32_t{be16(b, off)} << 16 | be16(b, off + 2);
}

void put_be32(Bytes& b, std::size_t off, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[off + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

IpAddr ip_of(std::uint8_t family, const model::Address& a) {
    IpAddr out;
    out.family = family == SHOAL_FAMILY_IPV4 ? 4 : 6;
    out.bytes = a;
    return out;
}

// Where the TCP header of a segment src -> dst is, in the IP packet at off of the given
// EtherType (following GUE to the rig's port inside), or nullopt.
std::optional<std::size_t> find_tcp(const Bytes& f, std::size_t off, std::uint16_t ethertype,
                                    const IpAddr& src, std::uint16_t sport, const IpAddr& dst,
                                    std::uint16_t dport, std::size_t depth = 0) {
    std::size_t l4 = 0;
    std::uint8_t proto = 0;
    IpAddr s, d;
    if (ethertype == 0x0800) {
        if (f.size() < off + 20 || f[off] >> 4 != 4) return std::nullopt;
        s.family = d.family = 4;
        std::copy_n(f.begin() + off + 12, 4, s.bytes.begin());
        std::copy_n(f.begin() + off + 16, 4, d.bytes.begin());
        proto = f[off + 9];
        l4 = off + (f[off] & 0x0F) * 4u;
    } else if (ethertype == 0x86DD) {
        if (f.size() < off + 40 || f[off] >> 4 != 6) return std::nullopt;
        s.family = d.family = 6;
        std::copy_n(f.begin() + off + 8, 16, s.bytes.begin());
        std::copy_n(f.begin() + off + 24, 16, d.bytes.begin());
        proto = f[off + 6];
        l4 = off + 40;
        while ((proto == 0 || proto == 43 || proto == 60) && f.size() >= l4 + 8) {
            proto = f[l4];
            l4 += (f[l4 + 1] + 1u) * 8;
        }
    } else {
        return std::nullopt;
    }
    if (proto == IPPROTO_TCP && f.size() >= l4 + 20 && s == src && d == dst &&
        be16(f, l4) == sport && be16(f, l4 + 2) == dport)
        return l4;
    if (proto == IPPROTO_UDP && f.size() >= l4 + 16 && be16(f, l4 + 2) == cases::kGuePort &&
        depth < kMaxGueDepth) {
        const std::uint8_t inner = f[l4 + 9];
        return find_tcp(f, l4 + 16, inner == 4 ? 0x0800 : 0x86DD, src, sport, dst, dport,
                        depth + 1);
    }
    return std::nullopt;
}

// RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') for each changed 16-bit word.
void replace_word32(Bytes& f, std::size_t tcp, std::size_t field, std::uint32_t value) {
    std::uint32_t sum = static_cast<std::uint16_t>(~be16(f, tcp + 16));
    for (std::size_t half = 0; half < 4; half += 2) {
        sum += static_cast<std::uint16_t>(~be16(f, tcp + field + half));
        sum += static_cast<std::uint16_t>(value >> (half == 0 ? 16 : 0));
    }
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    const auto check = static_cast<std::uint16_t>(~sum);
    f[tcp + 16] = static_cast<std::uint8_t>(check >> 8);
    f[tcp + 17] = static_cast<std::uint8_t>(check);
    put_be32(f, tcp + field, value);
}

}  // namespace

SyncookieIssuer::SyncookieIssuer(const RigNetwork& network)
    : client_side_(network.net(), network.peer_ifname(cases::kIngressIfindex)) {}

IssuedCookie SyncookieIssuer::issue(const model::SocketTuple& tuple, std::uint32_t isn) const {
    const IpAddr client = ip_of(tuple.family, tuple.remote);
    const IpAddr vip = ip_of(tuple.family, tuple.local);
    Packet syn;
    syn.eth(cases::kIngressMac, cases::kRouterMac);
    client.is_v4() ? syn.ipv4(client, vip) : syn.ipv6(client, vip);
    syn.tcp(tuple.remote_port, tuple.local_port)
        .flags(tcp_flags::SYN)
        .seq(isn)
        .ack_number(0)
        .tcp_options({2, 4, kSynMss >> 8, kSynMss & 0xFF});

    client_side_.drain();
    client_side_.send(syn.build());
    const auto synack = client_side_.wait_for(
        [&](const Bytes& f) {
            const auto tcp =
                find_tcp(f, 14, be16(f, 12), vip, tuple.local_port, client, tuple.remote_port);
            return tcp && f[*tcp + 13] == kSynAck && be32(f, *tcp + 8) == isn + 1;
        },
        std::chrono::seconds(5));
    if (!synack)
        throw std::runtime_error("no SYN-ACK from " + vip.str() + ":" +
                                 std::to_string(tuple.local_port) + " to " + client.str() + ":" +
                                 std::to_string(tuple.remote_port) +
                                 " within 5 s (is a listener there, tcp_syncookies=2?)");
    const std::size_t tcp =
        *find_tcp(*synack, 14, be16(*synack, 12), vip, tuple.local_port, client, tuple.remote_port);
    return {tuple, isn, be32(*synack, tcp + 4), mss_index(tuple.family, kSynMss)};
}

std::optional<std::size_t> tcp_header_of(const Bytes& frame, const model::SocketTuple& t) {
    if (frame.size() < 14) return std::nullopt;
    std::size_t l2 = 14;
    std::uint16_t type = be16(frame, 12);
    if (type == 0x8100 && frame.size() >= 18) {
        type = be16(frame, 16);
        l2 = 18;
    }
    return find_tcp(frame, l2, type, ip_of(t.family, t.remote), t.remote_port,
                    ip_of(t.family, t.local), t.local_port);
}

void carry_cookie(Bytes& frame, const IssuedCookie& cookie) {
    const model::SocketTuple& t = cookie.tuple;
    const auto tcp = tcp_header_of(frame, t);
    if (!tcp)
        throw std::invalid_argument(
            "carry_cookie: no TCP header " + ip_of(t.family, t.remote).str() + ":" +
            std::to_string(t.remote_port) + " -> " + ip_of(t.family, t.local).str() + ":" +
            std::to_string(t.local_port) + " in the frame");
    replace_word32(frame, *tcp, 4, cookie.ack_seq());
    replace_word32(frame, *tcp, 8, cookie.ack_number());
}

}  // namespace shoal::test
