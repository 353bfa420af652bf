// SPDX-License-Identifier: MIT
#include "dataplane/xdp_object.h"

#include <bpf/libbpf.h>
#include <fmt/format.h>

#include <cerrno>

#include "dataplane/dataplane_error.h"
#include "dataplane/dataplane_log.h"
#include "dataplane/map_set.h"
#include "shoal_xdp.skel.h"

namespace shoal {

XdpObject::XdpObject(const PinPaths& pins) : pins_(pins) {
    route_library_logs();
    skeleton_ = shoal_xdp__open();
    if (!skeleton_) throw DataplaneError::system("open skeleton", kProgramName, {}, errno);
    for (std::string_view name : kDataplaneMapNames) {
        bpf_map* map = ::bpf_object__find_map_by_name(skeleton_->obj, std::string(name).c_str());
        const int rc = map ? ::bpf_map__set_pin_path(map, pins_.map(name).c_str()) : -ENOENT;
        if (rc != 0) {
            shoal_xdp__destroy(skeleton_);
            throw DataplaneError::system("set pin path of", name, {}, rc);
        }
    }
}

XdpObject::~XdpObject() { shoal_xdp__destroy(skeleton_); }

void XdpObject::load() {
    pins_.prepare();
    const int rc = shoal_xdp__load(skeleton_);
    loaded_ = true;  // libbpf never retries a load, failed or not
    if (rc != 0)
        // The verifier log, or which pinned map did not match, went to the log sink.
        throw DataplaneError::system(
            "load", fmt::format("{} (maps pinned under {})", kProgramName, pins_.dir()), {}, rc);
}

bpf_object* XdpObject::object() const noexcept { return skeleton_->obj; }

int XdpObject::program_fd() const {
    const int fd = ::bpf_program__fd(skeleton_->progs.shoal_xdp);
    if (fd < 0) throw DataplaneError::invalid("get program fd", "shoal_xdp is not loaded");
    return fd;
}

}  // namespace shoal
