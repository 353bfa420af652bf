// SPDX-License-Identifier: MIT
// Shared by the data-plane tests that load the real program: a private bpffs, a loaded data
// plane pinned in it, raw map access that bypasses the library under test, table builders.
#pragma once

#include <bpf/bpf.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "dataplane/dataplane.h"
#include "netns/test_bpffs.h"

namespace shoal::test {

inline DataplaneOptions options_in(const TestBpffs& bpffs) {
    return DataplaneOptions{bpffs.subdir("shoal")};
}

// Raw lookup through bpf(2), independent of BpfMap; throws when absent.
template <class Value, class Key>
Value raw_lookup(int map_fd, const Key& key) {
    Value v{};
    if (::bpf_map_lookup_elem(map_fd, &key, &v) != 0)
        throw std::runtime_error("raw lookup failed: errno " + std::to_string(errno));
    return v;
}

inline std::uint32_t map_id(int fd) {
    bpf_map_info info{};
    __u32 len = sizeof(info);
    if (::bpf_obj_get_info_by_fd(fd, &info, &len) != 0) throw std::runtime_error("map info failed");
    return info.id;
}

// The buckets the kernel holds in a slot of shoal_tables, read with raw syscalls.
inline std::vector<shoal_bucket> raw_table(const Dataplane& dp, std::uint32_t slot) {
    std::uint32_t id = 0;
    if (::bpf_map_lookup_elem(dp.maps().tables.fd(), &slot, &id) != 0) return {};
    const int fd = ::bpf_map_get_fd_by_id(id);
    if (fd < 0) throw std::runtime_error("inner map by id failed");
    bpf_map_info info{};
    __u32 len = sizeof(info);
    ::bpf_obj_get_info_by_fd(fd, &info, &len);
    std::vector<shoal_bucket> out(info.max_entries);
    for (std::uint32_t i = 0; i < info.max_entries; ++i) ::bpf_map_lookup_elem(fd, &i, &out[i]);
    ::close(fd);
    return out;
}

// A table whose buckets cycle through the given servers; second hops name the next one.
inline std::vector<shoal_bucket> cycling_table(std::uint32_t size,
                                               const std::vector<std::uint16_t>& servers) {
    std::vector<shoal_bucket> t(size);
    for (std::uint32_t i = 0; i < size; ++i)
        t[i] = shoal_bucket{servers[i % servers.size()], servers.size() > 1
                                                             ? servers[(i + 1) % servers.size()]
                                                             : std::uint16_t{SHOAL_NO_SERVER}};
    return t;
}

inline ServerDips server_v4(const std::string& addr) {
    return ServerDips{IpAddress::parse(addr), std::nullopt};
}

}  // namespace shoal::test
