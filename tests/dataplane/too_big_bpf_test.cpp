// SPDX-License-Identifier: MIT
// docs/dataplane.md §9 on the real program beyond the shared cases: the ICMP answers as a real
// kernel takes them (a client's connected socket learns the path MTU from them), and the per-CPU
// rate limit with a small rate and burst.
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "dataplane/unique_fd.h"
#include "packet/dump.h"
#include "shared_rig.h"

using namespace shoal;
using namespace shoal::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint16_t kClientPort = 6001;  // no socket of the world uses it

// A UDP socket of the client in the net namespace, bound to kClientPort and connected to the
// service's VIP: the kernel keeps the path MTU the ICMP answers teach it on it.
class ClientSocket {
  public:
    ClientSocket(const XdpRig& rig, const IpAddr& client, const IpAddr& vip, std::uint16_t port)
        : v4_(client.is_v4()) {
        EnterNetns inside(rig.network().net());
        fd_ = UniqueFd(::socket(v4_ ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        REQUIRE(fd_.get() >= 0);
        sockaddr_storage local{}, remote{};
        const socklen_t len = fill(local, client, kClientPort);
        fill(remote, vip, port);
        REQUIRE(::bind(fd_.get(), reinterpret_cast<sockaddr*>(&local), len) == 0);
        REQUIRE(::connect(fd_.get(), reinterpret_cast<sockaddr*>(&remote), len) == 0);
    }

    int path_mtu() const {
        int mtu = 0;
        socklen_t len = sizeof(mtu);
        const int rc = v4_ ? ::getsockopt(fd_.get(), IPPROTO_IP, IP_MTU, &mtu, &len)
                           : ::getsockopt(fd_.get(), IPPROTO_IPV6, IPV6_MTU, &mtu, &len);
        return rc == 0 ? mtu : -errno;
    }

  private:
    static socklen_t fill(sockaddr_storage& s, const IpAddr& a, std::uint16_t port) {
        if (a.is_v4()) {
            auto* in = reinterpret_cast<sockaddr_in*>(&s);
            in->sin_family = AF_INET;
            in->sin_port = htons(port);
            std::memcpy(&in->sin_addr, a.bytes.data(), 4);
            return sizeof(sockaddr_in);
        }
        auto* in6 = reinterpret_cast<sockaddr_in6*>(&s);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        std::memcpy(&in6->sin6_addr, a.bytes.data(), 16);
        return sizeof(sockaddr_in6);
    }

    bool v4_;
    UniqueFd fd_;
};

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds deadline) {
    for (const auto until = Clock::now() + deadline; Clock::now() < until;) {
        if (pred()) return true;
        std::this_thread::sleep_for(20ms);  // the other namespace's kernel works meanwhile
    }
    return pred();
}

// A DF datagram of ip_len bytes from the client's socket address to the service.
Bytes datagram(const IpAddr& vip, std::uint16_t port, std::size_t ip_len) {
    Packet p = vip.is_v4() ? cases::from_client4(vip).dont_fragment() : cases::from_client6(vip);
    const std::size_t headers = (vip.is_v4() ? 20 : 40) + 8;
    return p.udp(kClientPort, port).payload(Bytes(ip_len - headers, 0x71)).build();
}

// Keeps the calling thread on one CPU (BPF_PROG_TEST_RUN runs the program on the caller's)
// until destroyed.
class PinnedToCpu {
  public:
    explicit PinnedToCpu(int cpu) {
        REQUIRE(::sched_getaffinity(0, sizeof(saved_), &saved_) == 0);
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        REQUIRE(::sched_setaffinity(0, sizeof(one), &one) == 0);
    }
    ~PinnedToCpu() { ::sched_setaffinity(0, sizeof(saved_), &saved_); }

  private:
    cpu_set_t saved_{};
};

// Sends the frame n times and counts what the program counted in row.
struct Tally {
    std::uint64_t sent = 0, limited = 0;
};
Tally run_times(const XdpRig& rig, const Bytes& frame, std::uint32_t row, int n) {
    const StatsSnapshot before = rig.stats();
    for (int i = 0; i < n; ++i) rig.run(frame);
    const StatsSnapshot after = rig.stats();
    const auto moved = [&](shoal_stat s) {
        return after.rows[row][s].packets - before.rows[row][s].packets;
    };
    return {moved(SHOAL_STAT_ICMP_TOO_BIG_SENT), moved(SHOAL_STAT_DROP_ICMP_RATE_LIMITED)};
}

}  // namespace

TEST_CASE("a client's kernel takes the ICMP answer and learns the path MTU", "[icmp][kernel]") {
    XdpRig& rig = shared_rig();
    rig.apply(rig.world().state);
    struct Family {
        const char* name;
        cases::Service service;
        IpAddr client;
        int mtu;  // the answer's: 1500 minus the encapsulation
    };
    for (const Family& f : {Family{"IPv4", cases::kPeerUdp4, cases::kClient4, 1500 - 36},
                            Family{"IPv6", cases::kPeerUdp6, cases::kClient6, 1500 - 56}}) {
        DYNAMIC_SECTION(f.name) {
            const IpAddr vip = cases::vip(f.service);
            const ClientSocket socket(rig, f.client, vip, 443);
            CHECK(socket.path_mtu() == 1500);
            const Bytes frame = datagram(vip, 443, 1500);
            const XdpRun run = rig.run(frame);
            INFO("answer:\n" << describe_frame(run.output));
            REQUIRE(run.action == XDP_TX);
            // Really sent: out of shoal0 to the router side, whose kernel handles it.
            REQUIRE(
                rig.egress().send_live(rig.runner(), frame, cases::kIngressIfindex, run.output));
            CHECK(eventually([&] { return socket.path_mtu() == f.mtu; }, 3000ms));
            CHECK(socket.path_mtu() == f.mtu);
        }
    }
}

TEST_CASE("answers are rate-limited per CPU: the burst at once, then the rate", "[icmp][rate]") {
    XdpRig& rig = shared_rig();
    cases::World world = rig.world();
    world.state.config.icmp_too_big_rate = 2;  // one token every 500 ms
    world.state.config.icmp_too_big_burst = 3;
    rig.apply(world.state);  // a new config: every CPU's bucket full
    const Bytes frame = datagram(cases::vip(cases::kPeerUdp4), 443, 1500);
    const std::uint32_t row = cases::kPeerUdp4;
    {
        PinnedToCpu pinned(0);
        const auto started = Clock::now();
        const Tally t = run_times(rig, frame, row, 10);
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        INFO("10 frames in " << seconds << " s");
        // The burst, plus a token per 500 ms that passed (none, on any machine not swapping).
        CHECK(t.sent >= 3);
        CHECK(t.sent <= 3 + static_cast<std::uint64_t>(seconds * 2));
        CHECK(t.sent + t.limited == 10);

        // A token comes back with time.
        Tally later;
        CHECK(eventually(
            [&] {
                const Tally one = run_times(rig, frame, row, 1);
                later.sent += one.sent;
                later.limited += one.limited;
                return one.sent == 1;
            },
            3000ms));
        CHECK(later.sent == 1);
    }
    if (std::thread::hardware_concurrency() > 1) {
        PinnedToCpu other(1);  // CPU 0's bucket is empty, CPU 1's is full
        const Tally t = run_times(rig, frame, row, 3);
        CHECK(t.sent == 3);
    }
    rig.apply(rig.world().state);
}
