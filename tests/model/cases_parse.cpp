// SPDX-License-Identifier: MIT
// §1: parsing the outer frame. Every frame is addressed to kLocalTcp4/kLocalTcp6, which would
// be KEEP_LAST_HOP if it parsed, so each verdict here shows where parsing stopped.
#include "cases.h"

namespace shoal::cases {
namespace {

using test::tcp_flags::ACK;

Packet tcp4() { return from_client4(vip(kLocalTcp4)); }
Packet tcp6() { return from_client6(vip(kLocalTcp6)); }

std::vector<PacketCase> l2_cases() {
    const Bytes full = tcp4().tcp(kNoSocketPort, 80).build();
    return {
        pass_case("runt frame shorter than an Ethernet header passes as not IP",
                  Bytes(full.begin(), full.begin() + 13), SHOAL_STAT_PASS_NOT_IP),
        pass_case(
            "ARP passes as not IP",
            Packet().eth(kIngressMac, kRouterMac).ethertype(0x0806).payload(Bytes(28, 1)).build(),
            SHOAL_STAT_PASS_NOT_IP),
        pass_case(
            "802.1Q tag cut short passes as not IP",
            Packet().eth(kIngressMac, kRouterMac).ethertype(0x8100).payload(Bytes{0, 100}).build(),
            SHOAL_STAT_PASS_NOT_IP),
        pass_case("ARP inside an 802.1Q tag passes as not IP",
                  Packet()
                      .eth(kIngressMac, kRouterMac)
                      .vlan(100)
                      .ethertype(0x0806)
                      .payload(Bytes(28, 1))
                      .build(),
                  SHOAL_STAT_PASS_NOT_IP),
        pass_case("802.1ad outer tag passes as not IP",
                  Packet()
                      .eth(kIngressMac, kRouterMac)
                      .ethertype(0x88A8)
                      .vlan(7)
                      .ipv4(kClient4, vip(kLocalTcp4))
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_PASS_NOT_IP),
        pass_case("two stacked 802.1Q tags pass as not IP",
                  Packet()
                      .eth(kIngressMac, kRouterMac)
                      .vlan(7)
                      .vlan(8)
                      .ipv4(kClient4, vip(kLocalTcp4))
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_PASS_NOT_IP),
        keep_case("one 802.1Q tag is skipped to reach IPv4",
                  Packet()
                      .eth(kIngressMac, kRouterMac)
                      .vlan(100)
                      .ipv4(kClient4, vip(kLocalTcp4))
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4),
    };
}

std::vector<PacketCase> ipv4_cases() {
    return {
        pass_case("IPv4 header shorter than 20 bytes is unparsed",
                  tcp4().tcp(kNoSocketPort, 80).truncate(14 + 19).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv4 EtherType with IP version 6 is unparsed",
                  tcp4().ip_version(6).tcp(kNoSocketPort, 80).build(), SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv4 IHL below 5 is unparsed", tcp4().ihl(4).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv4 IHL longer than the bytes present is unparsed",
                  tcp4().ihl(15).tcp(kNoSocketPort, 80).truncate(14 + 56).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv4 total length below the header length is unparsed",
                  tcp4().ip_total_length(19).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv4 total length past the end of the frame is unparsed",
                  tcp4().ip_total_length(41).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        keep_case("IPv4 options are skipped to reach TCP",
                  tcp4()
                      .ip_options({0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00})
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4),
        keep_case("IPv4 first fragment (MF) of a 4-tuple service passes as a fragment",
                  tcp4().fragment(0, true).tcp(kNoSocketPort, 80).build(), SHOAL_STAT_PASS_FRAGMENT,
                  kLocalTcp4),
        keep_case("IPv4 later fragment (offset) of a 4-tuple service passes as a fragment",
                  tcp4().fragment(100, false).ip_proto(6).payload(Bytes(16, 7)).build(),
                  SHOAL_STAT_PASS_FRAGMENT, kLocalTcp4),
        keep_case("IPv4 fragment with a truncated TCP header still passes as a fragment",
                  tcp4()
                      .fragment(0, true)
                      .ip_total_length(30)
                      .tcp(kNoSocketPort, 80)
                      .truncate(14 + 30)
                      .build(),
                  SHOAL_STAT_PASS_FRAGMENT, kLocalTcp4),
        pass_case("IPv4 fragment of a protocol no service has passes in no service's row",
                  tcp4().fragment(100, false).ip_proto(47).payload(Bytes(16, 7)).build(),
                  SHOAL_STAT_PASS_FRAGMENT),
        keep_case("IPv4 DF alone is not a fragment",
                  tcp4().dont_fragment().tcp(kNoSocketPort, 80).build(), SHOAL_STAT_KEEP_LAST_HOP,
                  kLocalTcp4),
        keep_case("Ethernet padding after a short IPv4 packet is passed on unchanged",
                  tcp4().tcp(kNoSocketPort, 80).pad_to(60).build(), SHOAL_STAT_KEEP_LAST_HOP,
                  kLocalTcp4),
    };
}

std::vector<PacketCase> ipv6_cases() {
    return {
        pass_case("IPv6 header shorter than 40 bytes is unparsed",
                  tcp6().tcp(kNoSocketPort, 80).truncate(14 + 39).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv6 EtherType with IP version 4 is unparsed",
                  tcp6().ip_version(4).tcp(kNoSocketPort, 80).build(), SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv6 payload length past the end of the frame is unparsed",
                  tcp6().ipv6_payload_length(21).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        keep_case(
            "IPv6 hop-by-hop, routing and destination options are skipped",
            tcp6().hop_by_hop().routing(1).destination_options(2).tcp(kNoSocketPort, 80).build(),
            SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6),
        keep_case("IPv6 four extension headers are skipped",
                  tcp6()
                      .hop_by_hop()
                      .destination_options()
                      .routing()
                      .destination_options()
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6),
        pass_case("IPv6 fifth extension header is taken as the L4 protocol",
                  tcp6()
                      .hop_by_hop()
                      .destination_options()
                      .routing()
                      .destination_options()
                      .destination_options()
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_PASS_NOT_SERVICE),
        pass_case("IPv6 extension header longer than the packet is unparsed",
                  tcp6().hop_by_hop().ext_header_length(4).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv6 extension header cut short is unparsed",
                  tcp6()
                      .destination_options()
                      .ipv6_payload_length(6)
                      .ip_proto(59)
                      .truncate(14 + 46)
                      .build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv6 extension header in the Ethernet padding is unparsed",
                  tcp6().ip_proto(0).trailer(Bytes{59, 0, 1, 4, 0, 0, 0, 0}).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        keep_case("IPv6 fragment header of a 4-tuple service passes as a fragment",
                  tcp6().ipv6_fragment(0, true).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_FRAGMENT, kLocalTcp6),
        pass_case("IPv6 fragment header cut short is unparsed",
                  tcp6().ipv6_fragment(0, true).ipv6_payload_length(4).truncate(14 + 44).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv6 fragment header after a hop-by-hop header passes as a fragment",
                  tcp6().hop_by_hop().ipv6_fragment(10, false).payload(Bytes(8, 0)).build(),
                  SHOAL_STAT_PASS_FRAGMENT),
        keep_case("IPv6 fragment header after four extension headers passes as a fragment",
                  tcp6()
                      .hop_by_hop()
                      .routing()
                      .destination_options()
                      .destination_options()
                      .ipv6_fragment(0, true)
                      .tcp(kNoSocketPort, 80)
                      .build(),
                  SHOAL_STAT_PASS_FRAGMENT, kLocalTcp6),
    };
}

std::vector<PacketCase> l4_cases() {
    return {
        pass_case("TCP header cut short is unparsed",
                  tcp4().ip_total_length(20 + 19).tcp(kNoSocketPort, 80).truncate(14 + 39).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("TCP data offset below 5 is unparsed",
                  tcp4().tcp(kNoSocketPort, 80).data_offset(4).build(), SHOAL_STAT_PASS_UNPARSED),
        pass_case("TCP data offset past the packet is unparsed",
                  tcp4().tcp(kNoSocketPort, 80).data_offset(15).build(), SHOAL_STAT_PASS_UNPARSED),
        keep_case("TCP data offset reaching exactly the end of the packet is parsed",
                  tcp4().tcp(kNoSocketPort, 80).data_offset(6).payload(Bytes(4, 1)).build(),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp4),
        pass_case("UDP length below 8 is unparsed",
                  from_client4(vip(kLocalUdp4)).udp(kUdpNoSocketPort, 53).udp_length(7).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("UDP length past the IP packet is unparsed",
                  from_client4(vip(kLocalUdp4))
                      .udp(kUdpNoSocketPort, 53)
                      .udp_length(8 + 6)
                      .payload("query")
                      .build(),
                  SHOAL_STAT_PASS_UNPARSED),
        keep_case("UDP length short of the IP packet is accepted",
                  from_client4(vip(kLocalUdp4))
                      .udp(kUdpNoSocketPort, 53)
                      .udp_length(8 + 2)
                      .payload("query")
                      .build(),
                  SHOAL_STAT_KEEP_LAST_HOP, kLocalUdp4),
        pass_case("IPv6 UDP length 0 is unparsed",
                  from_client6(vip(kLocalUdp6)).udp(kUdpNoSocketPort, 53).udp_length(0).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("TCP header lying in the Ethernet padding is unparsed",
                  tcp4().ip_total_length(30).tcp(kNoSocketPort, 80).build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("UDP header cut short is unparsed",
                  from_client4(vip(kLocalUdp4))
                      .ip_total_length(27)
                      .udp(kUdpNoSocketPort, 53)
                      .truncate(14 + 27)
                      .build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case("IPv6 UDP header cut short is unparsed",
                  from_client6(vip(kLocalUdp6))
                      .ipv6_payload_length(7)
                      .udp(kUdpNoSocketPort, 53)
                      .truncate(14 + 47)
                      .build(),
                  SHOAL_STAT_PASS_UNPARSED),
        pass_case(
            "L4 header starting past byte 512 is unparsed",
            tcp6().destination_options(31).destination_options(31).tcp(kNoSocketPort, 80).build(),
            SHOAL_STAT_PASS_UNPARSED),
        pass_case("L4 of an unknown protocol starting past byte 512 is unparsed",
                  tcp6()
                      .destination_options(31)
                      .destination_options(31)
                      .ip_proto(132)
                      .payload("x")
                      .build(),
                  SHOAL_STAT_PASS_UNPARSED),
        keep_case(
            "L4 header starting just before byte 512 is parsed",
            tcp6().destination_options(31).destination_options(24).tcp(kNoSocketPort, 80).build(),
            SHOAL_STAT_KEEP_LAST_HOP, kLocalTcp6),
    };
}

}  // namespace

std::vector<PacketCase> parse_cases() {
    return joined({l2_cases, ipv4_cases, ipv6_cases, l4_cases});
}

}  // namespace shoal::cases
