// SPDX-License-Identifier: MIT
// A veth pair between two throwaway namespaces and a private bpffs: where the attach tests
// put shoal_xdp. Everything is removed on destruction, also when a check failed.
#pragma once

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include <algorithm>
#include <vector>

#include "netns/netns.h"
#include "netns/test_bpffs.h"
#include "netns/veth_pair.h"

namespace shoal::test {

struct AttachLab {
    TestBpffs bpffs;
    Netns lb{"shoal-dp"};
    Netns peer{"shoal-dp"};
    VethPair veth{lb, "shoal0", peer, "shoal1"};
};

// What the kernel says is attached to an interface of the calling thread's namespace.
inline bpf_xdp_query_opts xdp_query(int ifindex) {
    LIBBPF_OPTS(bpf_xdp_query_opts, opts);
    if (::bpf_xdp_query(ifindex, 0, &opts) != 0) throw std::runtime_error("bpf_xdp_query failed");
    return opts;
}

// The ids of the maps a program uses.
inline std::vector<std::uint32_t> program_map_ids(std::uint32_t prog_id) {
    const int fd = ::bpf_prog_get_fd_by_id(prog_id);
    if (fd < 0) throw std::runtime_error("program by id failed");
    std::vector<std::uint32_t> ids(32);
    bpf_prog_info info{};
    info.nr_map_ids = static_cast<__u32>(ids.size());
    info.map_ids = reinterpret_cast<__u64>(ids.data());
    __u32 len = sizeof(info);
    const int rc = ::bpf_obj_get_info_by_fd(fd, &info, &len);
    ::close(fd);
    if (rc != 0) throw std::runtime_error("program info failed");
    ids.resize(std::min<std::size_t>(info.nr_map_ids, ids.size()));
    return ids;
}

}  // namespace shoal::test
