// SPDX-License-Identifier: MIT
#include "agent/established_counter.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace shoal::agent {
namespace {

std::runtime_error sock_diag_error(const char* what) {
    return std::runtime_error(fmt::format("sock_diag {}: {}", what, std::strerror(errno)));
}

bool local_end_matches(const inet_diag_msg& msg, uint8_t family, const shoal_service_key& key) {
    if (key.proto != IPPROTO_TCP) return false;
    if ((family == AF_INET && key.family != SHOAL_FAMILY_IPV4) ||
        (family == AF_INET6 && key.family != SHOAL_FAMILY_IPV6))
        return false;
    if (key.port != 0 && key.port != msg.id.idiag_sport) return false;
    size_t len = family == AF_INET ? 4 : 16;
    return std::memcmp(msg.id.idiag_src, key.addr, len) == 0;
}

}  // namespace

EstablishedCounter::EstablishedCounter() {
    fd_ = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd_ < 0) throw sock_diag_error("socket");
}

EstablishedCounter::~EstablishedCounter() {
    if (fd_ >= 0) close(fd_);
}

std::vector<uint64_t> EstablishedCounter::count(const std::vector<shoal_service_key>& services) {
    std::vector<uint64_t> counts(services.size(), 0);
    dump_family(AF_INET, services, counts);
    dump_family(AF_INET6, services, counts);
    return counts;
}

void EstablishedCounter::dump_family(uint8_t family,
                                     const std::vector<shoal_service_key>& services,
                                     std::vector<uint64_t>& counts) {
    struct {
        nlmsghdr nlh;
        inet_diag_req_v2 req;
    } request{};
    request.nlh.nlmsg_len = sizeof(request);
    request.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.nlh.nlmsg_seq = ++seq_;
    request.req.sdiag_family = family;
    request.req.sdiag_protocol = IPPROTO_TCP;
    request.req.idiag_states = 1u << TCP_ESTABLISHED;

    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (sendto(fd_, &request, sizeof(request), 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof(kernel)) < 0)
        throw sock_diag_error("send");

    alignas(nlmsghdr) std::array<char, 32768> buf;
    for (;;) {
        ssize_t len = recv(fd_, buf.data(), buf.size(), 0);
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
            const auto* msg = static_cast<const inet_diag_msg*>(NLMSG_DATA(nlh));
            for (size_t i = 0; i < services.size(); ++i)
                if (local_end_matches(*msg, family, services[i])) ++counts[i];
        }
    }
}

}  // namespace shoal::agent
