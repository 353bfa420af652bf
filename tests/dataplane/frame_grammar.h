// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dice.h"
#include "packet/packet.h"
#include "world.h"
#include "xdp_rig/issued_cookie_sockets.h"

namespace shoal::test {

struct GeneratedFrame {
    Bytes frame;
    std::uint32_t ingress_ifindex = cases::kIngressIfindex;
    std::string recipe;  // what was generated, for a failure report
};

// Any address of the family (4 or 6).
IpAddr random_address(Dice& dice, int family);

// Valid frames of every kind the world knows, drawn at random: client packets to each service
// (TCP with every flag combination, UDP with and without checksum, from the ports that have
// sockets and SYN cookies and from others), ICMP errors addressed to VIPs, DIPs and other hosts
// quoting packets in every direction, GUE from members and strangers with random hop lists and
// return tickets and outer ECN bits carrying any of these (tagged with the world's GUE keys, a
// stranger's, random bytes, or not at all), other IP and non-IP traffic; with or without a VLAN
// tag, IPv4 options, IPv6 extension headers, fragments (of services of both hash modes), TTL
// 0/1/2, every ECN codepoint, odd UDP lengths and TCP data offsets, Ethernet padding, near-MTU
// sizes. ACKs of the SYN-cookie flows carry the kernel's cookies.
class FrameGrammar {
  public:
    FrameGrammar(const cases::World& world, const IssuedCookieSockets& cookies);

    GeneratedFrame generate(Dice& dice) const;

  private:
    struct ServiceTarget {
        IpAddr vip;
        std::uint8_t proto;
        std::uint16_t port;  // 0: any port
    };

    Bytes service_packet(Dice& dice, std::string& recipe, bool as_inner) const;
    Bytes icmp_error(Dice& dice, std::string& recipe) const;
    Bytes gue_packet(Dice& dice, std::string& recipe) const;
    void seal(Bytes& packet, Dice& dice, std::string& recipe) const;
    Bytes other_ip(Dice& dice, std::string& recipe) const;
    Bytes non_ip_frame(Dice& dice, std::string& recipe) const;

    void add_ip(Packet& p, Dice& dice, const IpAddr& src, const IpAddr& dst,
                std::string& recipe) const;
    void add_tcp(Packet& p, Dice& dice, const IpAddr& src, const IpAddr& dst, std::uint16_t sport,
                 std::uint16_t dport, std::string& recipe) const;
    Bytes payload(Dice& dice, std::size_t near_mtu_room) const;
    IpAddr client(Dice& dice, int family) const;
    Bytes frame_around(Dice& dice, const Bytes& ip, std::string& recipe) const;

    std::vector<ServiceTarget> services_;
    std::vector<IpAddr> members4_, members6_;
    const IssuedCookieSockets& cookies_;
};

}  // namespace shoal::test
