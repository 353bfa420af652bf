// SPDX-License-Identifier: MIT
#include "dataplane/xdp_attacher.h"

#include <bpf/bpf.h>
#include <fmt/format.h>
#include <net/if.h>
#include <xdp/libxdp.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "base/unique_fd.h"
#include "dataplane/dataplane_error.h"
#include "dataplane/dataplane_log.h"
#include "dataplane/xdp_object.h"

namespace shoal {
namespace {

struct MultiprogCloser {
    void operator()(xdp_multiprog* mp) const { ::xdp_multiprog__close(mp); }
};
using Multiprog = std::unique_ptr<xdp_multiprog, MultiprogCloser>;

struct ProgramCloser {
    void operator()(xdp_program* p) const { ::xdp_program__close(p); }
};
using Program = std::unique_ptr<xdp_program, ProgramCloser>;

int interface_index(const std::string& ifname, std::string_view operation) {
    const unsigned index = ::if_nametoindex(ifname.c_str());
    if (index == 0)
        throw DataplaneError::system(operation, fmt::format("interface {}", ifname), {}, errno);
    return static_cast<int>(index);
}

// What libxdp finds on the interface; empty when no XDP program is attached.
Multiprog programs_on(int ifindex, const std::string& ifname) {
    xdp_multiprog* mp = ::xdp_multiprog__get_from_ifindex(ifindex);
    const long err = ::libxdp_get_error(mp);
    if (err == -ENOENT || (!err && !mp)) return nullptr;
    if (err)
        throw DataplaneError::system("query XDP programs on", ifname, {}, static_cast<int>(err));
    return Multiprog(mp);
}

bool is_shoal(const xdp_program* prog) {
    return prog && std::strcmp(::xdp_program__name(prog), XdpObject::kProgramName) == 0;
}

// shoal_xdp within what is attached: the legacy program itself or a dispatcher component.
const xdp_program* find_shoal(const xdp_multiprog* mp) {
    if (::xdp_multiprog__is_legacy(mp)) {
        const xdp_program* main = ::xdp_multiprog__main_prog(mp);
        return is_shoal(main) ? main : nullptr;
    }
    for (xdp_program* p = ::xdp_multiprog__next_prog(nullptr, mp); p;
         p = ::xdp_multiprog__next_prog(p, mp))
        if (is_shoal(p)) return p;
    return nullptr;
}

xdp_attach_mode libxdp_mode(XdpMode mode) {
    return mode == XdpMode::skb ? XDP_MODE_SKB : XDP_MODE_NATIVE;
}

std::string describe(const AttachResult& r) {
    std::string text = fmt::format(
        "shoal_xdp (program id {}) attached to {} (ifindex {}) in {} "
        "mode",
        r.program_id, r.ifname, r.ifindex, xdp_mode_name(r.mode));
    if (r.fell_back_to_skb)
        text += " AFTER NATIVE MODE FAILED (slow path: every packet has an skb)";
    text += r.dispatcher ? ", through the libxdp dispatcher"
                         : ", alone: libxdp could not use its dispatcher (the kernel refused it), "
                           "so no other XDP program can share this interface";
    return text;
}

void pin_program(const PinPaths& pins, int fd) {
    const std::string path = pins.program();
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw DataplaneError::system("unpin old program", path, {}, errno);
    if (::bpf_obj_pin(fd, path.c_str()) != 0)
        throw DataplaneError::system("pin program", path, {}, errno);
}

// Removes the program pin if it holds the program with this id.
void unpin_program_if(const PinPaths& pins, std::uint32_t id) {
    const std::string path = pins.program();
    const UniqueFd fd(::bpf_obj_get(path.c_str()));
    if (!fd.valid()) return;
    bpf_prog_info info{};
    __u32 len = sizeof(info);
    const bool same = ::bpf_obj_get_info_by_fd(fd.get(), &info, &len) == 0 && info.id == id;
    if (same && ::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw DataplaneError::system("unpin program", path, {}, errno);
}

}  // namespace

std::string_view xdp_mode_name(XdpMode mode) { return mode == XdpMode::skb ? "skb" : "native"; }

std::optional<AttachResult> XdpAttacher::query(const std::string& ifname) const {
    const int ifindex = interface_index(ifname, "query XDP on");
    const Multiprog mp = programs_on(ifindex, ifname);
    if (!mp) return std::nullopt;
    const xdp_program* prog = find_shoal(mp.get());
    if (!prog) return std::nullopt;
    AttachResult r;
    r.ifname = ifname;
    r.ifindex = ifindex;
    r.mode =
        ::xdp_multiprog__attach_mode(mp.get()) == XDP_MODE_SKB ? XdpMode::skb : XdpMode::native;
    r.dispatcher = !::xdp_multiprog__is_legacy(mp.get());
    r.program_id = ::xdp_program__id(prog);
    r.message = describe(r);
    return r;
}

int XdpAttacher::attach_fresh_program(int ifindex, XdpMode mode) const {
    XdpObject object(pins_);
    DECLARE_LIBXDP_OPTS(xdp_program_opts, opts, .obj = object.object(),
                        .prog_name = XdpObject::kProgramName);
    const Program prog(::xdp_program__create(&opts));
    if (!prog) return -errno;
    const ExpectedLibbpfWarnings dispatcher_probe;
    const int rc = ::xdp_program__attach(prog.get(), ifindex, libxdp_mode(mode), 0);
    if (rc == 0) pin_program(pins_, ::xdp_program__fd(prog.get()));
    return rc;
}

AttachResult XdpAttacher::attach(const std::string& ifname, const AttachOptions& options) const {
    const int ifindex = interface_index(ifname, "attach shoal_xdp to");
    const std::string op = fmt::format("attach shoal_xdp to {} (ifindex {})", ifname, ifindex);
    if (const auto existing = query(ifname))
        throw DataplaneError::invalid(
            op, fmt::format("already attached (program id {}, {} mode); "
                            "adopt it or detach first",
                            existing->program_id, xdp_mode_name(existing->mode)));
    pins_.prepare();

    XdpMode mode = options.mode;
    int rc = attach_fresh_program(ifindex, mode);
    bool fell_back = false;
    if (rc != 0 && mode == XdpMode::native && options.skb_fallback) {
        log_message(LogLevel::warn, fmt::format("{} in native mode failed: {}; trying skb mode", op,
                                                errno_text(rc)));
        mode = XdpMode::skb;
        fell_back = true;
        rc = attach_fresh_program(ifindex, mode);
    }
    if (rc != 0)
        throw DataplaneError::system(fmt::format("{} in {} mode", op, xdp_mode_name(mode)), {}, {},
                                     rc);

    std::optional<AttachResult> result = query(ifname);
    if (!result)
        throw DataplaneError::invalid(op,
                                      "libxdp reported success but the interface has no "
                                      "shoal_xdp program");
    result->fell_back_to_skb = fell_back;
    result->message = describe(*result);
    log_message(result->dispatcher && !fell_back ? LogLevel::info : LogLevel::warn,
                result->message);
    return *result;
}

bool XdpAttacher::detach(const std::string& ifname) const {
    const int ifindex = interface_index(ifname, "detach shoal_xdp from");
    const Multiprog mp = programs_on(ifindex, ifname);
    const xdp_program* prog = mp ? find_shoal(mp.get()) : nullptr;
    if (!prog) return false;
    const std::uint32_t id = ::xdp_program__id(prog);
    const int rc = ::xdp_program__detach(const_cast<xdp_program*>(prog), ifindex,
                                         ::xdp_multiprog__attach_mode(mp.get()), 0);
    if (rc != 0)
        throw DataplaneError::system("detach shoal_xdp from", ifname,
                                     fmt::format("program id {}", id), rc);
    unpin_program_if(pins_, id);
    log_message(LogLevel::info,
                fmt::format("shoal_xdp (program id {}) detached from {} (ifindex {})", id, ifname,
                            ifindex));
    return true;
}

}  // namespace shoal
