// SPDX-License-Identifier: MIT
#include "xdp_rig/noop_program.h"

#include <bpf/libbpf.h>
#include <linux/if_link.h>
#include <net/if.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "shoal_noop.skel.h"

namespace shoal::test {

NoopProgram::NoopProgram() : skeleton_(shoal_noop__open_and_load()) {
    if (!skeleton_)
        throw std::runtime_error(std::string("load shoal_noop: ") + std::strerror(errno));
}

NoopProgram::~NoopProgram() { shoal_noop__destroy(skeleton_); }

int NoopProgram::fd() const { return bpf_program__fd(skeleton_->progs.shoal_noop); }

void NoopProgram::attach(const Netns& ns, const std::string& ifname) const {
    EnterNetns inside(ns);
    const int ifindex = static_cast<int>(::if_nametoindex(ifname.c_str()));
    if (ifindex == 0)
        throw std::runtime_error("if_nametoindex " + ifname + " in netns " + ns.name() + ": " +
                                 std::strerror(errno));
    const int rc = ::bpf_xdp_attach(ifindex, fd(), XDP_FLAGS_DRV_MODE, nullptr);
    if (rc != 0)
        throw std::runtime_error("attach shoal_noop to " + ifname + " in netns " + ns.name() +
                                 ": " + std::strerror(-rc));
}

}  // namespace shoal::test
