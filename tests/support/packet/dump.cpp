// SPDX-License-Identifier: MIT
#include "packet/dump.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "packet/addr.h"

namespace shoal::test {
namespace {

std::uint16_t be16(std::span<const std::uint8_t> b, std::size_t off) {
    return static_cast<std::uint16_t>(b[off] << 8 | b[off + 1]);
}

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t off) {
    return std::uint32_t{be16(b, off)} << 16 | be16(b, off + 2);
}

std::string hex(unsigned v, int width) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "0x%0*x", width, v);
    return buf;
}

std::string addr(std::span<const std::uint8_t> b, std::size_t off, int family) {
    IpAddr a;
    a.family = family;
    std::copy_n(b.begin() + off, family == 4 ? 4 : 16, a.bytes.begin());
    return a.str();
}

class Describer {
  public:
    explicit Describer(std::span<const std::uint8_t> f) : f_(f) {}

    std::string run() {
        if (f_.size() < 14) return stop(0, "runt frame of " + std::to_string(f_.size()) + "B");
        out_ << "@0 eth " << mac_at(0) << " <- " << mac_at(6);
        std::size_t off = 12;
        std::uint16_t type = be16(f_, off);
        while (type == 0x8100 || type == 0x88A8) {
            if (off + 6 > f_.size()) return stop(off, "VLAN tag truncated");
            out_ << "\n@" << off << " vlan " << hex(type, 4) << " vid "
                 << (be16(f_, off + 2) & 0xFFF) << " pcp " << (f_[off + 2] >> 5);
            off += 4;
            type = be16(f_, off);
        }
        out_ << " type " << hex(type, 4);
        off += 2;
        if (type == 0x0800 || type == 0x86DD)
            ip(off, f_.size(), 0);
        else
            out_ << "\n(not IP)";
        return out_.str();
    }

  private:
    std::string mac_at(std::size_t off) {
        Mac m;
        std::copy_n(f_.begin() + off, 6, m.bytes.begin());
        return m.str();
    }

    std::string stop(std::size_t off, const std::string& why) {
        out_ << "\n@" << off << " (" << why << ")";
        return out_.str();
    }

    void ip(std::size_t off, std::size_t end, int depth) {
        if (depth > 3) return (void)stop(off, "nesting too deep");
        if (off + 1 > end) return (void)stop(off, "IP header missing");
        const int version = f_[off] >> 4;
        std::size_t l4 = 0, ip_end = 0;
        std::uint8_t proto = 0;
        int family = version;
        if (version == 4) {
            if (off + 20 > end) return (void)stop(off, "IPv4 header truncated");
            const std::size_t ihl = (f_[off] & 0xF) * 4u;
            out_ << "\n@" << off << " ipv4 " << addr(f_, off + 12, 4) << " -> "
                 << addr(f_, off + 16, 4) << " ihl " << (f_[off] & 0xF) << " tos "
                 << hex(f_[off + 1], 2) << " len " << be16(f_, off + 2) << " id "
                 << be16(f_, off + 4) << " frag " << hex(be16(f_, off + 6), 4) << " ttl "
                 << int(f_[off + 8]) << " proto " << int(f_[off + 9]) << " csum "
                 << hex(be16(f_, off + 10), 4);
            l4 = off + ihl;
            ip_end = off + be16(f_, off + 2);
            proto = f_[off + 9];
            if (be16(f_, off + 6) & 0x3FFF) return (void)stop(l4, "fragment");
        } else if (version == 6) {
            if (off + 40 > end) return (void)stop(off, "IPv6 header truncated");
            const std::uint32_t w = be32(f_, off);
            out_ << "\n@" << off << " ipv6 " << addr(f_, off + 8, 6) << " -> "
                 << addr(f_, off + 24, 6) << " tc " << hex((w >> 20) & 0xFF, 2) << " flow "
                 << hex(w & 0xFFFFF, 5) << " plen " << be16(f_, off + 4) << " next "
                 << int(f_[off + 6]) << " hlim " << int(f_[off + 7]);
            ip_end = off + 40 + be16(f_, off + 4);
            proto = f_[off + 6];
            l4 = off + 40;
            while (proto == 0 || proto == 43 || proto == 60 || proto == 44) {
                if (l4 + 8 > end) return (void)stop(l4, "extension header truncated");
                out_ << "\n@" << l4 << " ext " << int(proto) << " next " << int(f_[l4]) << " len "
                     << int(f_[l4 + 1]);
                if (proto == 44) return (void)stop(l4, "fragment");
                const std::uint8_t next = f_[l4];
                l4 += (f_[l4 + 1] + 1u) * 8;
                proto = next;
            }
        } else {
            return (void)stop(off, "IP version " + std::to_string(version));
        }
        if (ip_end > end) {
            out_ << "\n(IP length runs " << ip_end - end << "B past the bytes)";
            ip_end = end;
        } else if (depth == 0 && ip_end < end) {
            out_ << "\n(" << end - ip_end << "B after the IP packet)";
        }
        l4_header(l4, ip_end, proto, family, depth);
    }

    void l4_header(std::size_t off, std::size_t end, std::uint8_t proto, int family, int depth) {
        if (proto == 6) {
            if (off + 20 > end) return (void)stop(off, "TCP header truncated");
            static const char names[] = "FSRPAUEC";
            std::string flags;
            for (int i = 0; i < 8; ++i)
                if (f_[off + 13] & (1 << i)) flags += names[i];
            out_ << "\n@" << off << " tcp " << be16(f_, off) << " -> " << be16(f_, off + 2)
                 << " seq " << be32(f_, off + 4) << " ack " << be32(f_, off + 8) << " doff "
                 << (f_[off + 12] >> 4) << " flags " << (flags.empty() ? "-" : flags) << " csum "
                 << hex(be16(f_, off + 16), 4) << " data " << end - off - 20 << "B";
        } else if (proto == 17) {
            if (off + 8 > end) return (void)stop(off, "UDP header truncated");
            out_ << "\n@" << off << " udp " << be16(f_, off) << " -> " << be16(f_, off + 2)
                 << " len " << be16(f_, off + 4) << " csum " << hex(be16(f_, off + 6), 4);
            const std::size_t g = off + 8;
            const bool priv = g + 8 <= end && (f_[g + 4] == 0x53 || f_[g + 4] == 0x52);
            if (priv && (f_[g] & 0xC0) == 0) {
                const bool tagged = (f_[g] & 0x1F) == 3 && g + 16 <= end;
                out_ << "\n@" << g << " gue hlen " << hex(f_[g], 2) << " proto " << int(f_[g + 1])
                     << " flags " << hex(be16(f_, g + 2), 4) << " priv " << hex(f_[g + 4], 2)
                     << " hops " << int(f_[g + 5]) << " next_hop " << be16(f_, g + 6);
                if (tagged)
                    out_ << " tag " << hex(be32(f_, g + 8), 8) << hex(be32(f_, g + 12), 8);
                ip(g + (tagged ? 16 : 8), f_.size(), depth + 1);
            } else {
                out_ << " data " << end - off - 8 << "B";
            }
        } else if ((proto == 1 && family == 4) || (proto == 58 && family == 6)) {
            if (off + 8 > end) return (void)stop(off, "ICMP header truncated");
            out_ << "\n@" << off << (proto == 1 ? " icmp" : " icmp6") << " type " << int(f_[off])
                 << " code " << int(f_[off + 1]) << " csum " << hex(be16(f_, off + 2), 4)
                 << " rest " << hex(be32(f_, off + 4), 8);
            const bool quotes = proto == 1 ? f_[off] == 3 : f_[off] < 128;
            if (quotes && off + 8 < end) {
                out_ << "\n(quoted packet)";
                ip(off + 8, end, depth + 1);
            }
        } else {
            out_ << "\n@" << off << " protocol " << int(proto) << ", " << end - off << "B";
        }
    }

    std::span<const std::uint8_t> f_;
    std::ostringstream out_;
};

}  // namespace

std::string hexdump(std::span<const std::uint8_t> bytes) {
    std::string out;
    char buf[24];
    for (std::size_t line = 0; line < bytes.size(); line += 16) {
        std::snprintf(buf, sizeof(buf), "%04zx ", line);
        out += buf;
        std::string text;
        for (std::size_t i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                std::snprintf(buf, sizeof(buf), " %02x", bytes[i]);
                out += buf;
                text += (bytes[i] >= 0x20 && bytes[i] < 0x7F) ? char(bytes[i]) : '.';
            } else {
                out += "   ";
            }
        }
        out += "  |" + text + "|\n";
    }
    return out;
}

std::string describe_frame(std::span<const std::uint8_t> frame) { return Describer(frame).run(); }

std::string explain_difference(std::span<const std::uint8_t> expected,
                               std::span<const std::uint8_t> actual) {
    std::size_t first = 0;
    while (first < expected.size() && first < actual.size() && expected[first] == actual[first])
        ++first;
    std::ostringstream out;
    if (first == expected.size() && first == actual.size()) {
        out << "frames are equal (" << expected.size() << "B)\n";
    } else {
        out << "frames differ first at offset " << first << " (expected " << expected.size()
            << "B, actual " << actual.size() << "B)\n";
    }
    out << "--- expected\n" << describe_frame(expected) << "\n" << hexdump(expected);
    out << "--- actual\n" << describe_frame(actual) << "\n" << hexdump(actual);
    return out.str();
}

}  // namespace shoal::test
