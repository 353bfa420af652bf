// SPDX-License-Identifier: MIT
#include "netns/veth_pair.h"

#include <cstdio>
#include <exception>

namespace shoal::test {

VethPair::VethPair(const Netns& ns_a, std::string name_a, const Netns& ns_b, std::string name_b)
    : ns_a_(ns_a), name_a_(std::move(name_a)), name_b_(std::move(name_b)) {
    ns_a.ip(
        {"link", "add", name_a_, "type", "veth", "peer", "name", name_b_, "netns", ns_b.name()});
    ns_a.link_up(name_a_);
    ns_b.link_up(name_b_);
}

VethPair::~VethPair() {
    if (keep_netns()) return;
    try {
        ns_a_.ip({"link", "del", name_a_});
    } catch (const std::exception& e) {
        std::fprintf(stderr, "could not delete veth %s: %s\n", name_a_.c_str(), e.what());
    }
}

}  // namespace shoal::test
