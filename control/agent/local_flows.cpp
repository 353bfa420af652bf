// SPDX-License-Identifier: MIT
#include "agent/local_flows.h"

#include <fmt/format.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "base/errors.h"

namespace shoal::agent {
namespace {

std::runtime_error sock_diag_error(const char* what) {
    return std::runtime_error(errno_message(fmt::format("sock_diag {}", what)));
}

LocalFlow flow_of(const inet_diag_msg& msg, std::uint8_t proto) {
    LocalFlow flow;
    flow.family = msg.idiag_family;
    flow.proto = proto;
    flow.state = msg.idiag_state;
    const std::size_t len = msg.idiag_family == AF_INET ? 4 : 16;
    std::memcpy(flow.local.data(), msg.id.idiag_src, len);
    std::memcpy(flow.remote.data(), msg.id.idiag_dst, len);
    flow.local_port = msg.id.idiag_sport;
    flow.remote_port = msg.id.idiag_dport;
    return flow;
}

}  // namespace

std::uint32_t owning_tcp_states() {
    return ~((1u << TCP_LISTEN) | (1u << TCP_CLOSE) | 1u);  // bit 0 is no state
}

LocalFlowDump::LocalFlowDump() {
    fd_.reset(socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!fd_.valid()) throw sock_diag_error("socket");
}

std::vector<LocalFlow> LocalFlowDump::dump(std::uint8_t proto, std::uint32_t states) {
    std::vector<LocalFlow> out;
    dump_family(AF_INET, proto, states, out);
    dump_family(AF_INET6, proto, states, out);
    return out;
}

void LocalFlowDump::dump_family(std::uint8_t family, std::uint8_t proto, std::uint32_t states,
                                std::vector<LocalFlow>& out) {
    struct {
        nlmsghdr nlh;
        inet_diag_req_v2 req;
    } request{};
    request.nlh.nlmsg_len = sizeof(request);
    request.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.nlh.nlmsg_seq = ++seq_;
    request.req.sdiag_family = family;
    request.req.sdiag_protocol = proto;
    request.req.idiag_states = states;

    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (sendto(fd_.get(), &request, sizeof(request), 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof(kernel)) < 0)
        throw sock_diag_error("send");

    alignas(nlmsghdr) std::array<char, 32768> buf;
    for (;;) {
        ssize_t len = recv(fd_.get(), buf.data(), buf.size(), 0);
        if (len < 0) {
            if (errno == EINTR) continue;
            throw sock_diag_error("recv");
        }
        auto* nlh = reinterpret_cast<nlmsghdr*>(buf.data());
        for (; NLMSG_OK(nlh, static_cast<unsigned>(len)); nlh = NLMSG_NEXT(nlh, len)) {
            if (nlh->nlmsg_seq != seq_) continue;
            if (nlh->nlmsg_type == NLMSG_DONE) return;
            if (nlh->nlmsg_type == NLMSG_ERROR) {
                auto* err = static_cast<nlmsgerr*>(NLMSG_DATA(nlh));
                errno = -err->error;
                throw sock_diag_error("dump");
            }
            const auto& msg = *static_cast<const inet_diag_msg*>(NLMSG_DATA(nlh));
            // UDP reports unconnected sockets as TCP_CLOSE and connected ones as ESTABLISHED.
            if ((states >> msg.idiag_state) & 1u) out.push_back(flow_of(msg, proto));
        }
    }
}

}  // namespace shoal::agent
