// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "packet/addr.h"

// The layers a Packet is made of. Every std::optional field is computed by build() unless a
// test sets it to a wrong value on purpose.
namespace shoal::test {

using Bytes = std::vector<std::uint8_t>;

// The Shoal GUE header (bpf/shoal_abi.h struct shoal_gue_hdr), every field settable.
struct Gue {
    std::uint8_t ver_c_hlen = 0x01;
    std::optional<std::uint8_t> proto;  // default: 4 or 41 from the layer after it
    std::uint16_t flags = 0;
    std::uint8_t priv_type = 0x53;
    std::uint8_t hop_count = 0;
    std::uint16_t next_hop = 0xFFFF;
    // The authentication tag's 8 bytes after the hop list (docs/dataplane.md §8); tagged()
    // also sets hlen 3.
    std::optional<std::array<std::uint8_t, 8>> tag;

    static Gue hop(std::uint16_t next_hop) {
        Gue g;
        g.hop_count = 1;
        g.next_hop = next_hop;
        return g;
    }
    // This header with hlen 3 and a tag (zero until a test seals the frame).
    Gue tagged(std::array<std::uint8_t, 8> bytes = {}) const {
        Gue g = *this;
        g.ver_c_hlen = 0x03;
        g.tag = bytes;
        return g;
    }
};

namespace layer {

struct Eth {
    Mac dst, src;
    std::optional<std::uint16_t> type;
};

struct Vlan {
    std::uint16_t tci = 0;
    std::optional<std::uint16_t> type;
};

struct Ipv4 {
    IpAddr src, dst;
    std::uint8_t tos = 0;
    std::uint8_t ttl = 64;
    std::uint16_t id = 0;
    std::uint16_t frag = 0;  // flags (DF 0x4000, MF 0x2000) and offset in 8-byte units
    Bytes options;           // padded with zeros (End of Options) to a multiple of 4
    std::optional<std::uint8_t> version, ihl, proto;
    std::optional<std::uint16_t> tot_len, checksum;
};

struct Ipv6Ext {
    std::uint8_t type = 0;         // 0 hop-by-hop, 43 routing, 60 destination options, 44 fragment
    std::uint8_t hdr_ext_len = 0;  // its size is (hdr_ext_len + 1) * 8 bytes (fragment: 8)
    std::optional<std::uint8_t> len_field;  // a lie in the hdr_ext_len byte
    std::uint16_t frag = 0;                 // fragment: offset << 3 | M
    std::uint32_t frag_id = 0;
};

struct Ipv6 {
    IpAddr src, dst;
    std::uint8_t traffic_class = 0;
    std::uint32_t flow_label = 0;
    std::uint8_t hop_limit = 64;
    std::vector<Ipv6Ext> ext;
    std::optional<std::uint8_t> version, proto;  // proto: the next header after the last ext
    std::optional<std::uint16_t> payload_len;
};

struct Tcp {
    std::uint16_t sport = 0, dport = 0;
    std::uint32_t seq = 1, ack = 0;
    std::uint8_t flags = 0x10;  // ACK: most test packets belong to an established flow
    std::uint16_t window = 65535;
    Bytes options;  // padded with zeros to a multiple of 4
    std::optional<std::uint8_t> data_offset;
    std::optional<std::uint16_t> checksum;
};

struct Udp {
    std::uint16_t sport = 0, dport = 0;
    std::optional<std::uint16_t> length, checksum;
};

struct Icmp {
    bool v6 = false;
    std::uint8_t type = 0, code = 0;
    std::uint32_t rest = 0;  // bytes 4-7: MTU, id/sequence, ...
    std::optional<std::uint16_t> checksum;
};

struct GueHeader {
    Gue gue;
};

struct Raw {
    Bytes bytes;
};

using Any = std::variant<Eth, Vlan, Ipv4, Ipv6, Tcp, Udp, Icmp, GueHeader, Raw>;

}  // namespace layer
}  // namespace shoal::test
