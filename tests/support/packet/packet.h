// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "packet/addr.h"
#include "packet/packet_layers.h"

namespace shoal::test {

namespace tcp_flags {
constexpr std::uint8_t FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;
}  // namespace tcp_flags

// A fluent packet builder in the spirit of scapy:
//   Packet().eth(dst, src).vlan(100).ipv4(src, dst).tcp(1234, 80).flags(SYN).payload("hi")
// Layers are stacked in call order; build() fills in EtherTypes, protocol numbers, lengths and
// checksums (IPv4 header, TCP/UDP/ICMP/ICMPv6 with pseudo-headers) unless a test sets them.
// A knob applies to the most recent layer it fits (ttl() to the last IP layer, checksum() to
// the last TCP/UDP/ICMP layer, ...) and throws std::logic_error when there is none.
// A Packet need not start with Ethernet: Packet().ipv4(...).tcp(...) builds a bare IP packet,
// e.g. to quote in an ICMP error or to carry in GUE.
class Packet {
  public:
    // ---- Ethernet ----
    Packet& eth(const Mac& dst, const Mac& src);
    Packet& vlan(std::uint16_t vid, std::uint8_t pcp = 0);
    Packet& ethertype(std::uint16_t type);  // the last Ethernet/VLAN layer's type field

    // ---- IP ----
    Packet& ipv4(const IpAddr& src, const IpAddr& dst);
    Packet& ipv6(const IpAddr& src, const IpAddr& dst);
    Packet& ttl(std::uint8_t ttl);  // IPv4 TTL or IPv6 hop limit
    Packet& tos(std::uint8_t tos);  // IPv4 TOS or IPv6 traffic class
    Packet& flow_label(std::uint32_t label);
    Packet& ip_id(std::uint16_t id);
    Packet& dont_fragment(bool df = true);
    Packet& fragment(std::uint16_t offset_units, bool more);  // IPv4 offset (8-byte units) / MF
    Packet& ip_options(const Bytes& options);
    Packet& ip_version(std::uint8_t version);  // the version nibble of the last IP layer
    Packet& ihl(std::uint8_t ihl);
    Packet& ip_total_length(std::uint16_t tot_len);
    Packet& ipv6_payload_length(std::uint16_t payload_len);
    Packet& ip_checksum(std::uint16_t checksum);
    Packet& ip_proto(std::uint8_t proto);  // IPv4 protocol / IPv6 next header after the ext headers
    // IPv6 extension headers, appended in call order to the last IPv6 layer.
    Packet& hop_by_hop(std::uint8_t hdr_ext_len = 0);
    Packet& routing(std::uint8_t hdr_ext_len = 0);
    Packet& destination_options(std::uint8_t hdr_ext_len = 0);
    Packet& ipv6_fragment(std::uint16_t offset_units, bool more, std::uint32_t id = 1);
    Packet& ext_header_length(std::uint8_t hdr_ext_len);  // lie in the last ext header's length

    // ---- L4 ----
    Packet& tcp(std::uint16_t sport, std::uint16_t dport);
    Packet& flags(std::uint8_t flags);
    Packet& seq(std::uint32_t seq);
    Packet& ack_number(std::uint32_t ack);
    Packet& window(std::uint16_t window);
    Packet& tcp_options(const Bytes& options);
    Packet& data_offset(std::uint8_t doff);
    Packet& udp(std::uint16_t sport, std::uint16_t dport);
    Packet& udp_length(std::uint16_t length);
    Packet& checksum(std::uint16_t checksum);  // of the last TCP/UDP/ICMP layer; 0 allowed
    Packet& icmp(std::uint8_t type, std::uint8_t code, std::uint32_t rest = 0);
    Packet& icmp6(std::uint8_t type, std::uint8_t code, std::uint32_t rest = 0);
    // ICMPv4 type 3 code 4 / ICMPv6 type 2, quoting `quoted` (a bare IP packet; truncate it
    // to what a router would quote).
    Packet& icmp_frag_needed(std::uint16_t mtu, const Packet& quoted);
    Packet& icmp6_packet_too_big(std::uint32_t mtu, const Packet& quoted);

    // ---- tunnel and data ----
    Packet& gue(const Gue& header = {});  // the next layers are the inner packet
    Packet& payload(std::string_view text);
    Packet& payload(const Bytes& bytes);

    // ---- the whole frame, after everything is computed ----
    Packet& trailer(const Bytes& bytes);  // appended past the IP packet (e.g. Ethernet padding)
    Packet& pad_to(std::size_t size);     // zero padding up to size bytes
    Packet& truncate(std::size_t size);   // cut the frame to size bytes

    Bytes build() const;

  private:
    template <typename L>
    L& last(const char* knob);
    layer::Ipv4& last_ipv4(const char* knob);
    layer::Ipv6& last_ipv6(const char* knob);
    layer::Any& last_ip(const char* knob);
    Packet& add_ext(layer::Ipv6Ext ext);

    std::vector<layer::Any> layers_;
    Bytes trailer_;
    std::optional<std::size_t> pad_to_;
    std::optional<std::size_t> truncate_;
};

}  // namespace shoal::test
