// SPDX-License-Identifier: MIT
#include "dataplane/xdp_object.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"
#include "dataplane/dataplane_log.h"
#include "dataplane/map_set.h"
#include "shoal_xdp.skel.h"

namespace shoal {

namespace {

// The kernel sets BPF_F_RDONLY_PROG on every device map, which this libbpf then finds in the
// pinned map and not in the object's definition, and refuses to reuse it ("parameter
// mismatch"). So a pinned device map is checked here and handed to libbpf by fd instead.
// Returns an error code for libbpf-style reporting, 0 on success.
int reuse_pinned_devmap(bpf_map* map, const std::string& path)
{
    const int fd = ::bpf_obj_get(path.c_str());
    if (fd < 0)
        return -errno;
    bpf_map_info info{};
    __u32 len = sizeof(info);
    int rc = ::bpf_obj_get_info_by_fd(fd, &info, &len) != 0 ? -errno : 0;
    if (rc == 0 && (info.type != ::bpf_map__type(map) ||
                    info.key_size != ::bpf_map__key_size(map) ||
                    info.value_size != ::bpf_map__value_size(map) ||
                    info.max_entries != ::bpf_map__max_entries(map)))
        rc = -EINVAL; // a pin left by another layout: refused like any other map
    if (rc == 0)
        rc = ::bpf_map__reuse_fd(map, fd);
    ::close(fd);
    return rc;
}

} // namespace

XdpObject::XdpObject(const PinPaths& pins) : pins_(pins)
{
    route_library_logs();
    skeleton_ = shoal_xdp__open();
    if (!skeleton_)
        throw DataplaneError::system("open skeleton", kProgramName, {}, errno);
    for (std::string_view name : kDataplaneMapNames) {
        bpf_map* map = ::bpf_object__find_map_by_name(skeleton_->obj, std::string(name).c_str());
        const std::string path = pins_.map(name);
        int rc = -ENOENT;
        if (map && name == SHOAL_MAP_TX_PORTS && pins_.exists(path))
            rc = reuse_pinned_devmap(map, path);
        else if (map)
            rc = ::bpf_map__set_pin_path(map, path.c_str());
        if (rc != 0) {
            shoal_xdp__destroy(skeleton_);
            throw DataplaneError::system("bind to its pin", path, {}, rc);
        }
    }
}

XdpObject::~XdpObject()
{
    shoal_xdp__destroy(skeleton_);
}

void XdpObject::load()
{
    pins_.prepare();
    const int rc = shoal_xdp__load(skeleton_);
    loaded_ = true; // libbpf never retries a load, failed or not
    if (rc != 0)
        // The verifier log, or which pinned map did not match, went to the log sink.
        throw DataplaneError::system(
            "load", fmt::format("{} (maps pinned under {})", kProgramName, pins_.dir()), {}, rc);
}

bpf_object* XdpObject::object() const noexcept
{
    return skeleton_->obj;
}

int XdpObject::program_fd() const
{
    const int fd = ::bpf_program__fd(skeleton_->progs.shoal_xdp);
    if (fd < 0)
        throw DataplaneError::invalid("get program fd", "shoal_xdp is not loaded");
    return fd;
}

} // namespace shoal
