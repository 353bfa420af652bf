// SPDX-License-Identifier: MIT
// Every ICMP answer of the packet cases (docs/dataplane.md §9) checked field by field with the
// test's own checksum code (packet/verify.h), not the model's or the builder's: addresses
// swapped, DF and TTL, sizes within RFC 792/4443's limits, the MTU, and the quote.
#include <linux/bpf.h>

#include <catch2/catch.hpp>

#include "cases.h"
#include "model/decide.h"
#include "packet/dump.h"
#include "packet/verify.h"

using namespace shoal;
using namespace shoal::cases;

namespace {

std::uint16_t be16(const Bytes& f, std::size_t at) {
    return static_cast<std::uint16_t>(f.at(at) << 8 | f.at(at + 1));
}

}  // namespace

TEST_CASE("every ICMP answer is a valid too-big error from the VIP to the client", "[icmp]") {
    std::vector<PacketCase> answered;
    for (PacketCase& c : all_packet_cases())
        if (c.expect.verdict == SHOAL_STAT_ICMP_TOO_BIG_SENT) answered.push_back(std::move(c));
    CHECK(answered.size() >= 10);
    for (const PacketCase& c : answered) {
        DYNAMIC_SECTION(c.name) {
            World w = base_world();
            if (c.tweak) c.tweak(w);
            const model::Decision d =
                model::decide(c.frame, c.ingress_ifindex, w.state, w.fib, w.sockets);
            INFO(test::describe_frame(d.frame));
            REQUIRE(d.action == XDP_TX);
            const Bytes& out = d.frame;
            const auto ip = test::find_ip_header(out);
            REQUIRE(ip);
            // The packet answered: the input, or what GUE carried in it.
            Bytes in = c.frame;
            const auto in_ip = test::find_ip_header(in);
            REQUIRE(in_ip);
            std::size_t quoted_at = *in_ip;
            if (c.expect.decap) quoted_at += (in[*in_ip] >> 4 == 4 ? 20 : 40) + 8 + 8;
            CHECK(std::equal(out.begin(), out.begin() + 6, in.begin() + 6));  // back to sender
            CHECK(std::equal(out.begin() + 6, out.begin() + 12, in.begin()));
            const bool v4 = out[*ip] >> 4 == 4;
            const std::size_t hdr = v4 ? 20 : 40;
            const std::size_t icmp = *ip + hdr;
            const std::size_t addr = v4 ? 4 : 16;
            const std::size_t src = v4 ? 12 : 8, dst = v4 ? 16 : 24;
            CHECK(std::equal(out.begin() + *ip + src, out.begin() + *ip + src + addr,
                             in.begin() + quoted_at + dst));  // from the VIP
            CHECK(std::equal(out.begin() + *ip + dst, out.begin() + *ip + dst + addr,
                             in.begin() + quoted_at + src));  // to the client
            const auto check = test::verify_l4_checksum(out, *ip);
            INFO(check.detail);
            CHECK(check.verdict == test::ChecksumVerdict::valid);
            // The quote is the answered packet's first bytes.
            CHECK(std::equal(out.begin() + icmp + 8, out.end(), in.begin() + quoted_at));
            if (v4) {
                CHECK(test::ipv4_header_checksum_valid(out, *ip));
                CHECK(out[*ip + 9] == 1);
                CHECK(out[*ip + 8] == 64);
                CHECK((be16(out, *ip + 6) & 0x4000) != 0);
                CHECK(out.size() - *ip <= 576);
                CHECK(out[icmp] == 3);
                CHECK(out[icmp + 1] == 4);
                CHECK(be16(out, icmp + 4) == 0);
                CHECK(be16(out, icmp + 6) >= 1280 - 56);
                CHECK(be16(out, icmp + 6) < kMtu);
            } else {
                CHECK(out[*ip + 6] == 58);
                CHECK(out[*ip + 7] == 64);
                CHECK(out.size() - *ip <= 1280);
                CHECK(out[icmp] == 2);
                CHECK(out[icmp + 1] == 0);
                CHECK(be16(out, icmp + 6) >= 1280 - 56);
                CHECK(be16(out, icmp + 6) < kMtu);
            }
        }
    }
}
