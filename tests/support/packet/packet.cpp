// SPDX-License-Identifier: MIT
#include "packet/packet.h"

#include <stdexcept>
#include <string>

namespace shoal::test {

template <typename L>
L& Packet::last(const char* knob) {
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
        if (auto* l = std::get_if<L>(&*it)) return *l;
    }
    throw std::logic_error(std::string("Packet::") + knob + "(): no layer it applies to");
}

layer::Ipv4& Packet::last_ipv4(const char* knob) {
    auto& any = last_ip(knob);
    if (auto* l = std::get_if<layer::Ipv4>(&any)) return *l;
    throw std::logic_error(std::string("Packet::") + knob + "(): the last IP layer is IPv6");
}

layer::Ipv6& Packet::last_ipv6(const char* knob) {
    auto& any = last_ip(knob);
    if (auto* l = std::get_if<layer::Ipv6>(&any)) return *l;
    throw std::logic_error(std::string("Packet::") + knob + "(): the last IP layer is IPv4");
}

layer::Any& Packet::last_ip(const char* knob) {
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
        if (std::holds_alternative<layer::Ipv4>(*it) || std::holds_alternative<layer::Ipv6>(*it))
            return *it;
    }
    throw std::logic_error(std::string("Packet::") + knob + "(): no IP layer before it");
}

Packet& Packet::eth(const Mac& dst, const Mac& src) {
    layers_.push_back(layer::Eth{dst, src, std::nullopt});
    return *this;
}

Packet& Packet::vlan(std::uint16_t vid, std::uint8_t pcp) {
    layers_.push_back(layer::Vlan{static_cast<std::uint16_t>(pcp << 13 | (vid & 0x0FFF)), {}});
    return *this;
}

Packet& Packet::ethertype(std::uint16_t type) {
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
        if (auto* e = std::get_if<layer::Eth>(&*it)) {
            e->type = type;
            return *this;
        }
        if (auto* v = std::get_if<layer::Vlan>(&*it)) {
            v->type = type;
            return *this;
        }
    }
    throw std::logic_error("Packet::ethertype(): no Ethernet or VLAN layer before it");
}

Packet& Packet::ipv4(const IpAddr& src, const IpAddr& dst) {
    if (!src.is_v4() || !dst.is_v4()) throw std::invalid_argument("Packet::ipv4(): IPv6 address");
    layer::Ipv4 l;
    l.src = src;
    l.dst = dst;
    layers_.push_back(l);
    return *this;
}

Packet& Packet::ipv6(const IpAddr& src, const IpAddr& dst) {
    if (src.is_v4() || dst.is_v4()) throw std::invalid_argument("Packet::ipv6(): IPv4 address");
    layer::Ipv6 l;
    l.src = src;
    l.dst = dst;
    layers_.push_back(l);
    return *this;
}

Packet& Packet::ttl(std::uint8_t ttl) {
    std::visit(
        [&](auto& l) {
            using L = std::decay_t<decltype(l)>;
            if constexpr (std::is_same_v<L, layer::Ipv4>) l.ttl = ttl;
            if constexpr (std::is_same_v<L, layer::Ipv6>) l.hop_limit = ttl;
        },
        last_ip("ttl"));
    return *this;
}

Packet& Packet::tos(std::uint8_t tos) {
    std::visit(
        [&](auto& l) {
            using L = std::decay_t<decltype(l)>;
            if constexpr (std::is_same_v<L, layer::Ipv4>) l.tos = tos;
            if constexpr (std::is_same_v<L, layer::Ipv6>) l.traffic_class = tos;
        },
        last_ip("tos"));
    return *this;
}

Packet& Packet::flow_label(std::uint32_t label) {
    last_ipv6("flow_label").flow_label = label & 0xFFFFF;
    return *this;
}

Packet& Packet::ip_id(std::uint16_t id) {
    last_ipv4("ip_id").id = id;
    return *this;
}

Packet& Packet::dont_fragment(bool df) {
    auto& l = last_ipv4("dont_fragment");
    l.frag = static_cast<std::uint16_t>(df ? l.frag | 0x4000 : l.frag & ~0x4000);
    return *this;
}

Packet& Packet::fragment(std::uint16_t offset_units, bool more) {
    auto& l = last_ipv4("fragment");
    l.frag = static_cast<std::uint16_t>((l.frag & 0x4000) | (more ? 0x2000 : 0) |
                                        (offset_units & 0x1FFF));
    return *this;
}

Packet& Packet::ip_options(const Bytes& options) {
    last_ipv4("ip_options").options = options;
    return *this;
}

Packet& Packet::ip_version(std::uint8_t version) {
    std::visit(
        [&](auto& l) {
            if constexpr (requires { l.version; }) l.version = version;
        },
        last_ip("ip_version"));
    return *this;
}

Packet& Packet::ihl(std::uint8_t ihl) {
    last_ipv4("ihl").ihl = ihl;
    return *this;
}

Packet& Packet::ip_total_length(std::uint16_t tot_len) {
    last_ipv4("ip_total_length").tot_len = tot_len;
    return *this;
}

Packet& Packet::ipv6_payload_length(std::uint16_t payload_len) {
    last_ipv6("ipv6_payload_length").payload_len = payload_len;
    return *this;
}

Packet& Packet::ip_checksum(std::uint16_t checksum) {
    last_ipv4("ip_checksum").checksum = checksum;
    return *this;
}

Packet& Packet::ip_proto(std::uint8_t proto) {
    std::visit(
        [&](auto& l) {
            if constexpr (requires { l.proto; }) l.proto = proto;
        },
        last_ip("ip_proto"));
    return *this;
}

Packet& Packet::add_ext(layer::Ipv6Ext ext) {
    last_ipv6("extension header").ext.push_back(ext);
    return *this;
}

namespace {
layer::Ipv6Ext ext_header(std::uint8_t type, std::uint8_t hdr_ext_len) {
    layer::Ipv6Ext ext;
    ext.type = type;
    ext.hdr_ext_len = hdr_ext_len;
    return ext;
}
}  // namespace

Packet& Packet::hop_by_hop(std::uint8_t hdr_ext_len) { return add_ext(ext_header(0, hdr_ext_len)); }

Packet& Packet::routing(std::uint8_t hdr_ext_len) { return add_ext(ext_header(43, hdr_ext_len)); }

Packet& Packet::destination_options(std::uint8_t hdr_ext_len) {
    return add_ext(ext_header(60, hdr_ext_len));
}

Packet& Packet::ipv6_fragment(std::uint16_t offset_units, bool more, std::uint32_t id) {
    layer::Ipv6Ext ext = ext_header(44, 0);
    ext.frag = static_cast<std::uint16_t>((offset_units & 0x1FFF) << 3 | (more ? 1 : 0));
    ext.frag_id = id;
    return add_ext(ext);
}

Packet& Packet::ext_header_length(std::uint8_t hdr_ext_len) {
    auto& l = last_ipv6("ext_header_length");
    if (l.ext.empty()) throw std::logic_error("Packet::ext_header_length(): no extension header");
    l.ext.back().len_field = hdr_ext_len;
    return *this;
}

Packet& Packet::tcp(std::uint16_t sport, std::uint16_t dport) {
    layer::Tcp l;
    l.sport = sport;
    l.dport = dport;
    layers_.push_back(l);
    return *this;
}

Packet& Packet::flags(std::uint8_t flags) {
    last<layer::Tcp>("flags").flags = flags;
    return *this;
}

Packet& Packet::seq(std::uint32_t seq) {
    last<layer::Tcp>("seq").seq = seq;
    return *this;
}

Packet& Packet::ack_number(std::uint32_t ack) {
    last<layer::Tcp>("ack_number").ack = ack;
    return *this;
}

Packet& Packet::window(std::uint16_t window) {
    last<layer::Tcp>("window").window = window;
    return *this;
}

Packet& Packet::tcp_options(const Bytes& options) {
    last<layer::Tcp>("tcp_options").options = options;
    return *this;
}

Packet& Packet::data_offset(std::uint8_t doff) {
    last<layer::Tcp>("data_offset").data_offset = doff;
    return *this;
}

Packet& Packet::udp(std::uint16_t sport, std::uint16_t dport) {
    layer::Udp l;
    l.sport = sport;
    l.dport = dport;
    layers_.push_back(l);
    return *this;
}

Packet& Packet::udp_length(std::uint16_t length) {
    last<layer::Udp>("udp_length").length = length;
    return *this;
}

Packet& Packet::checksum(std::uint16_t checksum) {
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
        const bool set = std::visit(
            [&](auto& l) {
                using L = std::decay_t<decltype(l)>;
                if constexpr (std::is_same_v<L, layer::Tcp> || std::is_same_v<L, layer::Udp> ||
                              std::is_same_v<L, layer::Icmp>) {
                    l.checksum = checksum;
                    return true;
                }
                return false;
            },
            *it);
        if (set) return *this;
    }
    throw std::logic_error("Packet::checksum(): no TCP, UDP or ICMP layer before it");
}

Packet& Packet::icmp(std::uint8_t type, std::uint8_t code, std::uint32_t rest) {
    layers_.push_back(layer::Icmp{false, type, code, rest, std::nullopt});
    return *this;
}

Packet& Packet::icmp6(std::uint8_t type, std::uint8_t code, std::uint32_t rest) {
    layers_.push_back(layer::Icmp{true, type, code, rest, std::nullopt});
    return *this;
}

Packet& Packet::icmp_frag_needed(std::uint16_t mtu, const Packet& quoted) {
    return icmp(3, 4, mtu).payload(quoted.build());
}

Packet& Packet::icmp6_packet_too_big(std::uint32_t mtu, const Packet& quoted) {
    return icmp6(2, 0, mtu).payload(quoted.build());
}

Packet& Packet::gue(const Gue& header) {
    layers_.push_back(layer::GueHeader{header});
    return *this;
}

Packet& Packet::payload(std::string_view text) { return payload(Bytes(text.begin(), text.end())); }

Packet& Packet::payload(const Bytes& bytes) {
    layers_.push_back(layer::Raw{bytes});
    return *this;
}

Packet& Packet::trailer(const Bytes& bytes) {
    trailer_.insert(trailer_.end(), bytes.begin(), bytes.end());
    return *this;
}

Packet& Packet::pad_to(std::size_t size) {
    pad_to_ = size;
    return *this;
}

Packet& Packet::truncate(std::size_t size) {
    truncate_ = size;
    return *this;
}

}  // namespace shoal::test
