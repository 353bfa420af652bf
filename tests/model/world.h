// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

#include "gue_seal.h"
#include "model/socket_set.h"
#include "model/state.h"
#include "model/static_fib.h"
#include "packet/packet.h"

// The one test world the packet cases run in: this server (index 1), its peers, services whose
// tables send every bucket to the same hops, FIB routes and local sockets. Written so a BPF test
// can recreate it: two interfaces with these ifindexes and MACs, /32 and /128 routes with static
// neighbours, and real sockets for the SocketSet entries.
namespace shoal::cases {

using test::Bytes;
using test::IpAddr;
using test::Mac;
using test::Packet;

// ---- interfaces ----
inline constexpr std::uint32_t kIngressIfindex = 2;     // frames arrive here; XDP_TX goes back out
inline constexpr std::uint32_t kOtherIfindex = 3;       // a second interface: XDP_REDIRECT
inline constexpr std::uint32_t kUnattachedIfindex = 4;  // a third, not in shoal_tx_ports
extern const Mac kIngressMac;     // this server's address on the ingress interface
extern const Mac kOtherMac;       // ... on the other interface
extern const Mac kRouterMac;      // source of the frames the test sends
extern const Mac kPeerMac;        // server 2, behind the ingress interface
extern const Mac kV4OnlyMac;      // server 3, behind the other interface
extern const Mac kV6OnlyMac;      // server 4, behind the other interface
extern const Mac kUnattachedMac;  // this server's address on the third interface
extern const Mac kFarMac;         // server 8, behind the third interface
extern const Mac kSmallMtuMac;    // server 10, behind the ingress interface

// ---- servers ----
inline constexpr std::uint16_t kSelf = 1;          // 198.18.0.1, 2001:db8::1
inline constexpr std::uint16_t kPeer = 2;          // 198.18.0.2, 2001:db8::2, via ingress
inline constexpr std::uint16_t kV4Only = 3;        // 198.18.0.3, via other
inline constexpr std::uint16_t kV6Only = 4;        // 2001:db8::4, via other
inline constexpr std::uint16_t kUnused = 5;        // flags 0
inline constexpr std::uint16_t kNoNeigh = 6;       // 198.18.0.6, 2001:db8::6: route, no neighbour
inline constexpr std::uint16_t kNoRoute = 7;       // 198.18.0.7, 2001:db8::7: no route
inline constexpr std::uint16_t kFar = 8;           // 198.18.0.8, 2001:db8::8, via the third
inline constexpr std::uint16_t kSmallMtu = 10;     // 198.18.0.10, 2001:db8::a: routes of MTU 1280
inline constexpr std::uint16_t kBeyondMax = 9000;  // >= SHOAL_MAX_SERVERS
inline constexpr std::uint16_t kGuePort = 6080;
inline constexpr std::uint32_t kMtu = 1500;
inline constexpr std::uint32_t kSmallMtuRoute = 1280;  // the routes to kSmallMtu

extern const IpAddr kSelf4, kSelf6, kPeer4, kPeer6, kV4Only4, kV6Only6, kNoNeigh4, kNoRoute4;
extern const IpAddr kUnused4;            // a fleet member whose server slot is unused (flags 0)
extern const IpAddr kSmallMtu4, kSmallMtu6;
extern const IpAddr kClient4, kClient6;  // a client on the Internet
extern const IpAddr kRouter4, kRouter6;  // a router sending ICMP errors

// ---- services: every bucket of a service's table holds the same {first, second} ----
// Every {VIP, protocol} also has its fragment entry (docs/dataplane.md §1.4): the service of
// the lowest id there, policy pass unless marked "fragments drop" below.
enum Service : std::uint32_t {
    kLocalTcp4 = 0,         // tcp 198.18.1.1:80          {self, -}
    kLocalTcp6,             // tcp [2001:db8:1::1]:80     {self, -}
    kLocalUdp4,             // udp 198.18.1.1:53          {self, -}    fragments drop
    kLocalUdp6,             // udp [2001:db8:1::1]:53     {self, -}    fragments drop
    kPeerTcp4,              // tcp 198.18.1.2:any         {peer, -}
    kPeerTcp6,              // tcp [2001:db8:1::2]:any    {peer, -}
    kPeerUdp4,              // udp 198.18.1.2:443         {peer, -}
    kPeerUdp6,              // udp [2001:db8:1::2]:443    {peer, -}
    kDrainTcp4,             // tcp 198.18.1.3:80          {self, peer}: self is the new first hop
    kDrainTcp6,             // tcp [2001:db8:1::3]:80     {self, peer}
    kDrainUdp4,             // udp 198.18.1.3:53          {self, peer}
    kDrainUdp6,             // udp [2001:db8:1::3]:53     {self, peer}
    kSecondTcp4,            // tcp 198.18.1.4:80          {peer, self}: self is the second hop
    kSecondTcp6,            // tcp [2001:db8:1::4]:80     {peer, self}
    kTwoHopsTcp4,           // tcp 198.18.1.5:80          {peer, v4only}
    kSelfSelfTcp4,          // tcp 198.18.1.6:80          {self, self}
    kPeerPeerTcp4,          // tcp 198.18.1.7:80          {peer, peer}
    kNoTableTcp4,           // tcp 198.18.1.8:80          slot without a table
    kNoFirstHopTcp4,        // tcp 198.18.1.9:80          {-, -}
    kShortTableTcp4,        // tcp 198.18.1.10:80         1 bucket, mask 0xFFFF
    kUnusedTcp4,            // tcp 198.18.1.11:80         {unused server, -}
    kBeyondTcp4,            // tcp 198.18.1.12:80         {9000, -}
    kNoNeighTcp4,           // tcp 198.18.1.13:80         {no-neighbour server, -}
    kNoRouteTcp4,           // tcp 198.18.1.14:80         {no-route server, -}
    kV4OnlyTcp6,            // tcp [2001:db8:1::15]:80    {v4-only server, -}
    kV6OnlyTcp4,            // tcp 198.18.1.16:80         {v6-only server, -}
    kV6OnlyUdp4,            // udp 198.18.1.16:53         {v6-only server, -}
    kV6OnlyTcp6,            // tcp [2001:db8:1::16]:80    {v6-only server, -}
    kSourceHashTcp4,        // tcp 198.18.1.17:80         {peer, -}, source-address hash
    kSecondUdp4,            // udp 198.18.1.4:53          {peer, self}: self is the second hop
    kSecondUdp6,            // udp [2001:db8:1::4]:53     {peer, self}
    kSourceHashLocalUdp4,   // udp 198.18.1.18:53       {self, -}, source-address hash
    kSourceHashUdp6,        // udp [2001:db8:1::17]:53  {peer, -}, source-address hash
    kSourceHashSecondTcp4,  // tcp 198.18.1.19:80       {peer, self}, source-address hash
    kFarTcp4,               // tcp 198.18.1.20:80       {far, -}: out of the unattached interface
    kServiceCount
};
IpAddr vip(Service service);  // the service's VIP

inline constexpr std::uint32_t kNoTableSlot = 400;  // kNoTableTcp4's slot: no table there

struct World {
    model::DataplaneState state;
    model::StaticFib fib;
    model::SocketSet sockets;
};

// Sockets: client port 40001 has an established connection to the kDrain*/kSecond* TCP VIPs,
// port 40002 an ACK with a valid SYN cookie for them (listeners on those VIPs), UDP port 5001
// a connected socket to the kDrainUdp* and kSecondUdp* VIPs. Other client ports have no socket.
inline constexpr std::uint16_t kNoSocketPort = 40000;
inline constexpr std::uint16_t kEstablishedPort = 40001;
inline constexpr std::uint16_t kSyncookiePort = 40002;
inline constexpr std::uint16_t kUdpNoSocketPort = 5000;
inline constexpr std::uint16_t kUdpConnectedPort = 5001;

// The config answers every too-big packet with ICMP: rate and burst so large (rate above 10^9
// per second: no limit) that the token bucket never runs dry, as the model assumes by default.
// No shoal_gue_auth entry: GUE authentication off.
World base_world();

// GUE authentication (docs/dataplane.md §8): the fleet's current key, the next one of a
// rotation, and one no server has.
extern const GueKey kGueKey, kGueNextKey, kGueStrangerKey;
// A world change: shoal_gue_auth holds mode with kGueKey, and kGueNextKey as the next key
// when `next`.
std::function<void(World&)> gue_auth(std::uint8_t mode, bool next = false);

// Frames from the router to this server: Ethernet (and VLAN) then IP.
Packet from_client4(const IpAddr& dst);
Packet from_client6(const IpAddr& dst);

// A flow as the client sends it, for computing the expected hash independently.
struct FlowSpec {
    IpAddr src, dst;
    std::uint16_t sport = 0, dport = 0;
    std::uint8_t proto = 6;
    bool source_hash = false;
};
std::uint64_t expected_hash(const World& world, const FlowSpec& flow);

// The frame this server sends when it encapsulates `inner` (the inner IP packet, no padding).
struct EncapSpec {
    EncapSpec(std::uint16_t target, int outer_family, std::optional<std::uint16_t> hop,
              std::uint64_t hash, Bytes inner, std::optional<std::uint16_t> vlan_tci = {},
              bool zero_udp_checksum = false)
        : target(target),
          outer_family(outer_family),
          hop(hop),
          hash(hash),
          inner(std::move(inner)),
          vlan_tci(vlan_tci),
          zero_udp_checksum(zero_udp_checksum) {}

    std::uint16_t target;
    int outer_family;  // 4 or 6
    std::optional<std::uint16_t> hop;
    std::uint64_t hash;
    Bytes inner;
    std::optional<std::uint16_t> vlan_tci;
    bool zero_udp_checksum;      // the §7 cases without a computable checksum
    bool return_ticket = false;  // hop is a return ticket (GUE priv type 'R'), not a hop list
    std::optional<GueKey> tag_key;  // GUE hlen 3 with the §8 tag under this key
};
Bytes expected_encap(const World& world, const EncapSpec& spec);

// A GUE header carrying a return ticket naming `server` (docs/dataplane.md §5).
test::Gue return_ticket(std::uint16_t server);

// A GUE frame from the member at `sender` to this server's DIP of its family, carrying `inner`
// (a bare IP packet); outer_tos is the outer TOS / traffic class (its ECN bits: RFC 6040).
Bytes gue_from(const IpAddr& sender, const Bytes& inner, test::Gue gue = {},
               std::uint8_t outer_tos = 0);
// What decapsulating such a frame leaves: its Ethernet header, then `inner`.
Bytes decapsulated_frame(const Bytes& inner);
// A bare IP packet (IPv4 or IPv6) from the router's side to this server, in a frame.
Bytes framed(const Bytes& ip_packet);
// A bare IP header (no Ethernet) between the client and the VIP of s, of s's family: from the
// client to the VIP, or from the VIP to the client (a server's reply).
Packet client_to_vip(Service s);
Packet vip_to_client(Service s);

// The egress a target's DIP routes to: {ifindex, smac, dmac}.
struct Egress {
    std::uint32_t ifindex;
    Mac smac, dmac;
};
Egress egress_of(const World& world, std::uint16_t target, int outer_family);

}  // namespace shoal::cases
