// SPDX-License-Identifier: MIT
// FrameGrammar's ICMP errors: the frames invariant 1b is about. Addressed to the VIP that sent
// the quoted packet (the only ones steered), to another VIP, to this server's or a peer's DIP, to
// the client or to any host, quoting packets in every direction, with the error types that are
// steered and others.
#include <netinet/in.h>

#include "frame_grammar.h"

namespace shoal::test {
namespace {

constexpr std::uint16_t kClientPorts[] = {cases::kNoSocketPort, cases::kEstablishedPort,
                                          cases::kSyncookiePort, cases::kUdpNoSocketPort,
                                          cases::kUdpConnectedPort};

struct Quoted {
    IpAddr src, dst;
    std::uint16_t sport = 0, dport = 0;
    const char* what = "";
};

}  // namespace

Bytes FrameGrammar::icmp_error(Dice& dice, std::string& recipe) const {
    const ServiceTarget& s = dice.pick(services_);
    const bool v4 = s.vip.is_v4();
    const int family = s.vip.family;
    const IpAddr client_addr = client(dice, family);
    const IpAddr& self = v4 ? cases::kSelf4 : cases::kSelf6;
    const IpAddr& peer = v4 ? cases::kPeer4 : cases::kPeer6;
    IpAddr other_vip = dice.pick(services_).vip;
    if (other_vip.family != family) other_vip = s.vip;
    const std::uint16_t vport = s.port ? s.port : dice.u16();
    const std::uint16_t cport = dice.chance(0.7) ? kClientPorts[dice.between(0, 4)] : dice.u16();

    Quoted q;
    switch (dice.weighted({50, 12, 10, 8, 8, 12})) {
        case 0:
            q = {s.vip, client_addr, vport, cport, "VIP->client"};
            break;
        case 1:
            q = {client_addr, s.vip, cport, vport, "client->VIP"};
            break;
        case 2:
            q = {dice.chance(0.5) ? self : peer, client_addr, vport, cport, "DIP->client"};
            break;
        case 3:
            q = {client_addr, dice.chance(0.5) ? self : peer, cport, vport, "client->DIP"};
            break;
        case 4:
            q = {s.vip, other_vip, vport, dice.u16(), "VIP->VIP"};
            break;
        default:
            q = {random_address(dice, family), random_address(dice, family), dice.u16(), dice.u16(),
                 "x->y"};
    }
    Packet quoted;
    v4 ? quoted.ipv4(q.src, q.dst) : quoted.ipv6(q.src, q.dst);
    if (v4 && dice.chance(0.1)) quoted.ip_options({1, 1, 1, 1});
    if (!v4 && dice.chance(0.1)) quoted.destination_options();
    const std::uint8_t proto = dice.chance(0.95) ? s.proto : std::uint8_t{IPPROTO_ICMP};
    if (proto == IPPROTO_TCP)
        quoted.tcp(q.sport, q.dport).flags(dice.chance(0.5) ? 0x12 : 0x10);
    else if (proto == IPPROTO_UDP)
        quoted.udp(q.sport, q.dport);
    else
        quoted.ip_proto(proto);
    quoted.payload(dice.bytes(64));
    const std::size_t full = (v4 ? 20 : 40) + 8;
    const std::size_t quote_len =
        dice.chance(0.8) ? full + dice.between(0, 40) : dice.between(0, full);
    quoted.truncate(quote_len);

    IpAddr to;
    const char* to_what = "";
    switch (dice.weighted({55, 12, 8, 5, 10, 10})) {
        case 0:
            to = q.src;  // where a router sends it: the quoted packet's source
            to_what = "quoted source";
            break;
        case 1:
            to = self;
            to_what = "this DIP";
            break;
        case 2:
            to = peer;
            to_what = "peer DIP";
            break;
        case 3:
            to = client_addr;
            to_what = "client";
            break;
        case 4:
            to = s.vip;
            to_what = "VIP";
            break;
        default:
            to = random_address(dice, family);
            to_what = "other host";
    }
    const IpAddr router =
        dice.chance(0.9) ? (v4 ? cases::kRouter4 : cases::kRouter6) : random_address(dice, family);
    Packet p;
    recipe += std::string(" icmp to ") + to_what + " quoting " + q.what + " " +
              std::to_string(quote_len) + "B";
    add_ip(p, dice, router, to, recipe);
    std::uint8_t type = 0, code = 0;
    if (dice.chance(0.85)) {  // the errors §3 steers
        if (v4) {
            type = 3;
            code = dice.chance(0.6) ? 4 : static_cast<std::uint8_t>(dice.between(0, 15));
        } else {
            type = dice.chance(0.5) ? 2 : 1;
            code = type == 1 ? static_cast<std::uint8_t>(dice.between(0, 6)) : 0;
        }
    } else {
        type = dice.pick(v4 ? std::vector<std::uint8_t>{0, 5, 8, 11, 12}
                            : std::vector<std::uint8_t>{3, 4, 128, 129, 135});
        code = static_cast<std::uint8_t>(dice.between(0, 5));
    }
    recipe += " type " + std::to_string(type) + "/" + std::to_string(code);
    const std::uint32_t rest = (v4 && type == 3 && code == 4) ? 1400
                               : (!v4 && type == 2)           ? 1280
                                                              : 0;
    (v4 ? p.icmp(type, code, rest) : p.icmp6(type, code, rest)).payload(quoted.build());
    return p.build();
}

}  // namespace shoal::test
