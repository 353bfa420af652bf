// SPDX-License-Identifier: MIT
#include "xdp_rig/frame_capture.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace shoal::test {
namespace {

std::runtime_error failure(const std::string& what, const std::string& ifname) {
    return std::runtime_error(what + " on " + ifname + ": " + std::strerror(errno));
}

}  // namespace

FrameCapture::FrameCapture(const Netns& ns, const std::string& ifname) : ifname_(ifname) {
    EnterNetns inside(ns);  // the socket stays in this namespace after we leave
    ifindex_ = static_cast<int>(::if_nametoindex(ifname.c_str()));
    if (ifindex_ == 0) throw failure("if_nametoindex in netns " + ns.name(), ifname);
    fd_.reset(::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL)));
    if (!fd_.valid()) throw failure("AF_PACKET socket", ifname);
    sockaddr_ll addr{};
    addr.sll_family = AF_PACKET;
    addr.sll_protocol = htons(ETH_P_ALL);
    addr.sll_ifindex = ifindex_;
    if (::bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
        throw failure("bind AF_PACKET socket", ifname);
    const int one = 1;
    if (::setsockopt(fd_.get(), SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) != 0)
        throw failure("PACKET_AUXDATA", ifname);
}

void FrameCapture::send(const Bytes& frame) const {
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = ifindex_;
    to.sll_halen = 6;
    std::memcpy(to.sll_addr, frame.data(), 6);
    const ssize_t n = ::sendto(fd_.get(), frame.data(), frame.size(), 0,
                               reinterpret_cast<sockaddr*>(&to), sizeof(to));
    if (n != static_cast<ssize_t>(frame.size())) throw failure("send a raw frame", ifname_);
}

std::optional<Bytes> FrameCapture::receive_one() const {
    Bytes buf(65536);
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(tpacket_auxdata))];
    while (true) {
        sockaddr_ll from{};
        iovec iov{buf.data(), buf.size()};
        msghdr msg{};
        msg.msg_name = &from;
        msg.msg_namelen = sizeof(from);
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof(control);
        const ssize_t n = ::recvmsg(fd_.get(), &msg, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
            throw failure("receive on AF_PACKET socket", ifname_);
        }
        if (from.sll_pkttype == PACKET_OUTGOING) continue;  // our own sends
        Bytes frame(buf.begin(), buf.begin() + n);
        // The stack takes an 802.1Q tag out of the frame into metadata before taps see it;
        // put it back where it was on the wire (as libpcap does).
        for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA) continue;
            tpacket_auxdata aux;
            std::memcpy(&aux, CMSG_DATA(c), sizeof(aux));
            if (!(aux.tp_status & TP_STATUS_VLAN_VALID) || frame.size() < 12) continue;
            const std::uint16_t tpid =
                (aux.tp_status & TP_STATUS_VLAN_TPID_VALID) ? aux.tp_vlan_tpid : ETH_P_8021Q;
            const std::uint8_t tag[4] = {static_cast<std::uint8_t>(tpid >> 8),
                                         static_cast<std::uint8_t>(tpid),
                                         static_cast<std::uint8_t>(aux.tp_vlan_tci >> 8),
                                         static_cast<std::uint8_t>(aux.tp_vlan_tci)};
            frame.insert(frame.begin() + 12, tag, tag + 4);
        }
        return frame;
    }
}

void FrameCapture::drain() const {
    while (receive_one()) {
    }
}

std::optional<Bytes> FrameCapture::wait_for(const std::function<bool(const Bytes&)>& match,
                                            std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        while (auto frame = receive_one())
            if (match(*frame)) return frame;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        pollfd p{fd_.get(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR)
            throw failure("poll AF_PACKET socket", ifname_);
    }
}

}  // namespace shoal::test
