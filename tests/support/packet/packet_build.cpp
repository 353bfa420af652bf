// SPDX-License-Identifier: MIT
// Packet::build(): serializes the layers from the innermost out, so each header knows the
// bytes it carries when it computes its lengths and checksums.
#include <stdexcept>

#include "packet/packet.h"

namespace shoal::test {
namespace {

void put16(Bytes& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

void put32(Bytes& b, std::uint32_t v) {
    put16(b, static_cast<std::uint16_t>(v >> 16));
    put16(b, static_cast<std::uint16_t>(v));
}

void put(Bytes& b, const IpAddr& a) {
    b.insert(b.end(), a.bytes.begin(), a.bytes.begin() + a.size());
}

void set16(Bytes& b, std::size_t off, std::uint16_t v) {
    b[off] = static_cast<std::uint8_t>(v >> 8);
    b[off + 1] = static_cast<std::uint8_t>(v);
}

Bytes padded(Bytes bytes) {
    bytes.resize((bytes.size() + 3) / 4 * 4, 0);
    return bytes;
}

// Ones'-complement sum of 16-bit big-endian words, carried in 32 bits and folded.
struct Sum {
    std::uint32_t acc = 0;
    void add(const Bytes& b) {
        for (std::size_t i = 0; i < b.size(); i += 2) {
            acc += static_cast<std::uint32_t>(b[i] << 8 | (i + 1 < b.size() ? b[i + 1] : 0));
        }
    }
    void add16(std::uint16_t v) { acc += v; }
    std::uint16_t checksum() const {
        std::uint32_t s = acc;
        while (s >> 16) s = (s & 0xFFFF) + (s >> 16);
        return static_cast<std::uint16_t>(~s);
    }
};

class Builder {
  public:
    explicit Builder(const std::vector<layer::Any>& layers) : layers_(layers) {}

    Bytes build() {
        Bytes rest;
        for (std::size_t i = layers_.size(); i-- > 0;) {
            index_ = i;
            rest = std::visit([&](const auto& l) { return serialize(l, rest); }, layers_[i]);
        }
        return rest;
    }

  private:
    const layer::Any* next() const {
        return index_ + 1 < layers_.size() ? &layers_[index_ + 1] : nullptr;
    }
    template <typename L>
    bool next_is() const {
        return next() && std::holds_alternative<L>(*next());
    }

    std::uint16_t next_ethertype() const {
        if (next_is<layer::Vlan>()) return 0x8100;
        if (next_is<layer::Ipv4>()) return 0x0800;
        if (next_is<layer::Ipv6>()) return 0x86DD;
        return 0x88B5;  // IEEE local experimental
    }

    std::uint8_t next_ip_proto(bool in_ipv6) const {
        if (next_is<layer::Tcp>()) return 6;
        if (next_is<layer::Udp>()) return 17;
        if (next_is<layer::Ipv4>()) return 4;
        if (next_is<layer::Ipv6>()) return 41;
        if (next_is<layer::Icmp>()) return std::get<layer::Icmp>(*next()).v6 ? 58 : 1;
        return in_ipv6 ? 59 : 253;  // No Next Header / experimental
    }

    // The pseudo-header sum of the nearest IP layer before this one.
    Sum pseudo_header(std::uint8_t proto, std::size_t l4_len) const {
        Sum s;
        for (std::size_t i = index_; i-- > 0;) {
            if (const auto* v4 = std::get_if<layer::Ipv4>(&layers_[i])) {
                Bytes p;
                put(p, v4->src);
                put(p, v4->dst);
                s.add(p);
                break;
            }
            if (const auto* v6 = std::get_if<layer::Ipv6>(&layers_[i])) {
                Bytes p;
                put(p, v6->src);
                put(p, v6->dst);
                s.add(p);
                break;
            }
        }
        s.add16(static_cast<std::uint16_t>(l4_len >> 16));
        s.add16(static_cast<std::uint16_t>(l4_len));
        s.add16(proto);
        return s;
    }

    Bytes serialize(const layer::Eth& l, const Bytes& rest) {
        Bytes b(l.dst.bytes.begin(), l.dst.bytes.end());
        b.insert(b.end(), l.src.bytes.begin(), l.src.bytes.end());
        put16(b, l.type.value_or(next_ethertype()));
        b.insert(b.end(), rest.begin(), rest.end());
        return b;
    }

    Bytes serialize(const layer::Vlan& l, const Bytes& rest) {
        Bytes b;
        put16(b, l.tci);
        put16(b, l.type.value_or(next_ethertype()));
        b.insert(b.end(), rest.begin(), rest.end());
        return b;
    }

    Bytes serialize(const layer::Ipv4& l, const Bytes& rest) {
        const Bytes options = padded(l.options);
        const std::size_t hdr_len = 20 + options.size();
        Bytes b;
        b.push_back(static_cast<std::uint8_t>(l.version.value_or(4) << 4 |
                                              (l.ihl.value_or(hdr_len / 4) & 0x0F)));
        b.push_back(l.tos);
        put16(b, l.tot_len.value_or(static_cast<std::uint16_t>(hdr_len + rest.size())));
        put16(b, l.id);
        put16(b, l.frag);
        b.push_back(l.ttl);
        b.push_back(l.proto.value_or(next_ip_proto(false)));
        put16(b, 0);
        put(b, l.src);
        put(b, l.dst);
        b.insert(b.end(), options.begin(), options.end());
        Sum s;
        s.add(b);
        set16(b, 10, l.checksum.value_or(s.checksum()));
        b.insert(b.end(), rest.begin(), rest.end());
        return b;
    }

    static Bytes ext_header(const layer::Ipv6Ext& e, std::uint8_t next) {
        Bytes b{next, e.len_field.value_or(e.type == 44 ? 0 : e.hdr_ext_len)};
        if (e.type == 44) {
            put16(b, e.frag);
            put32(b, e.frag_id);
            return b;
        }
        const std::size_t size = (std::size_t{e.hdr_ext_len} + 1) * 8;
        if (e.type == 43) {
            b.push_back(0);  // routing type
            b.push_back(0);  // segments left: nothing for this node to do
        } else {
            b.push_back(1);  // PadN covering the rest
            b.push_back(static_cast<std::uint8_t>(size - 4));
        }
        b.resize(size, 0);
        return b;
    }

    Bytes serialize(const layer::Ipv6& l, const Bytes& rest) {
        const std::uint8_t upper = l.proto.value_or(next_ip_proto(true));
        Bytes ext;
        for (std::size_t i = 0; i < l.ext.size(); ++i) {
            const std::uint8_t next = i + 1 < l.ext.size() ? l.ext[i + 1].type : upper;
            const Bytes h = ext_header(l.ext[i], next);
            ext.insert(ext.end(), h.begin(), h.end());
        }
        Bytes b;
        put32(b, static_cast<std::uint32_t>(l.version.value_or(6)) << 28 |
                     std::uint32_t{l.traffic_class} << 20 | (l.flow_label & 0xFFFFF));
        put16(b, l.payload_len.value_or(static_cast<std::uint16_t>(ext.size() + rest.size())));
        b.push_back(l.ext.empty() ? upper : l.ext.front().type);
        b.push_back(l.hop_limit);
        put(b, l.src);
        put(b, l.dst);
        b.insert(b.end(), ext.begin(), ext.end());
        b.insert(b.end(), rest.begin(), rest.end());
        return b;
    }

    Bytes serialize(const layer::Tcp& l, const Bytes& rest) {
        const Bytes options = padded(l.options);
        Bytes b;
        put16(b, l.sport);
        put16(b, l.dport);
        put32(b, l.seq);
        put32(b, l.ack);
        b.push_back(
            static_cast<std::uint8_t>(l.data_offset.value_or((20 + options.size()) / 4) << 4));
        b.push_back(l.flags);
        put16(b, l.window);
        put16(b, 0);  // checksum
        put16(b, 0);  // urgent pointer
        b.insert(b.end(), options.begin(), options.end());
        b.insert(b.end(), rest.begin(), rest.end());
        Sum s = pseudo_header(6, b.size());
        s.add(b);
        set16(b, 16, l.checksum.value_or(s.checksum()));
        return b;
    }

    Bytes serialize(const layer::Udp& l, const Bytes& rest) {
        Bytes b;
        put16(b, l.sport);
        put16(b, l.dport);
        put16(b, l.length.value_or(static_cast<std::uint16_t>(8 + rest.size())));
        put16(b, 0);
        b.insert(b.end(), rest.begin(), rest.end());
        Sum s = pseudo_header(17, b.size());
        s.add(b);
        const std::uint16_t computed = s.checksum() == 0 ? 0xFFFF : s.checksum();  // RFC 768
        set16(b, 6, l.checksum.value_or(computed));
        return b;
    }

    Bytes serialize(const layer::Icmp& l, const Bytes& rest) {
        Bytes b{l.type, l.code};
        put16(b, 0);
        put32(b, l.rest);
        b.insert(b.end(), rest.begin(), rest.end());
        Sum s = l.v6 ? pseudo_header(58, b.size()) : Sum{};
        s.add(b);
        set16(b, 2, l.checksum.value_or(s.checksum()));
        return b;
    }

    Bytes serialize(const layer::GueHeader& l, const Bytes& rest) {
        const std::uint8_t proto = next_is<layer::Ipv4>() ? 4 : next_is<layer::Ipv6>() ? 41 : 0;
        Bytes b{l.gue.ver_c_hlen, l.gue.proto.value_or(proto)};
        put16(b, l.gue.flags);
        b.push_back(l.gue.priv_type);
        b.push_back(l.gue.hop_count);
        put16(b, l.gue.next_hop);
        if (l.gue.tag) b.insert(b.end(), l.gue.tag->begin(), l.gue.tag->end());
        b.insert(b.end(), rest.begin(), rest.end());
        return b;
    }

    Bytes serialize(const layer::Raw& l, const Bytes& rest) {
        Bytes b = l.bytes;
        b.insert(b.end(), rest.begin(), rest.end());
        return b;
    }

    const std::vector<layer::Any>& layers_;
    std::size_t index_ = 0;
};

}  // namespace

Bytes Packet::build() const {
    Bytes frame = Builder(layers_).build();
    frame.insert(frame.end(), trailer_.begin(), trailer_.end());
    if (pad_to_ && frame.size() < *pad_to_) frame.resize(*pad_to_, 0);
    if (truncate_ && frame.size() > *truncate_) frame.resize(*truncate_);
    return frame;
}

}  // namespace shoal::test
