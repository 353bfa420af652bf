// SPDX-License-Identifier: MIT
#include "dataplane/dataplane.h"

#include <bpf/bpf.h>
#include <fcntl.h>

#include <cerrno>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"
#include "dataplane/dataplane_log.h"
#include "dataplane/xdp_object.h"

namespace shoal {
namespace {

bpf_prog_info program_info(int fd, std::string_view what)
{
    bpf_prog_info info{};
    __u32 len = sizeof(info);
    if (::bpf_obj_get_info_by_fd(fd, &info, &len) != 0)
        throw DataplaneError::system("get info of program", what, {}, errno);
    return info;
}

UniqueFd open_pinned_program(const PinPaths& pins)
{
    const std::string path = pins.program();
    const int fd = ::bpf_obj_get(path.c_str());
    if (fd < 0)
        throw DataplaneError::system("open pinned program", path, {}, errno);
    UniqueFd program(fd);
    const bpf_prog_info info = program_info(fd, path);
    if (std::string_view(info.name) != XdpObject::kProgramName)
        throw DataplaneError::invalid("open pinned program",
                                      fmt::format("{} holds program '{}', expected '{}'", path,
                                                  info.name, XdpObject::kProgramName));
    return program;
}

std::size_t count_pinned_maps(const PinPaths& pins)
{
    std::size_t n = 0;
    for (std::string_view name : kDataplaneMapNames)
        n += pins.exists(pins.map(name)) ? 1 : 0;
    return n;
}

} // namespace

Dataplane Dataplane::load(const DataplaneOptions& options)
{
    PinPaths pins(options.pin_dir);
    pins.prepare();
    const std::size_t reused = count_pinned_maps(pins);
    XdpObject object(pins);
    check_pinned_layouts(pins, object.object());
    object.load();
    const int fd = ::fcntl(object.program_fd(), F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
        throw DataplaneError::system("duplicate fd of program", XdpObject::kProgramName, {}, errno);
    Dataplane dp(pins, DataplaneMaps::from_object(object.object()), UniqueFd(fd));
    log_message(LogLevel::info,
                fmt::format("loaded shoal_xdp (program id {}); maps under {}: {} reused, {} created",
                            dp.program_id(), pins.dir(), reused,
                            kDataplaneMapNames.size() - reused));
    return dp;
}

Dataplane Dataplane::adopt(const std::string& pin_dir)
{
    PinPaths pins(pin_dir);
    const XdpObject object(pins);
    check_pinned_layouts(pins, object.object()); // an older data plane: say so, name the map
    DataplaneMaps maps = DataplaneMaps::from_pins(pins);
    maps.check_against(object.object());
    UniqueFd program = open_pinned_program(pins);
    Dataplane dp(pins, std::move(maps), std::move(program));
    log_message(LogLevel::info, fmt::format("adopted shoal_xdp (program id {}) pinned under {}",
                                            dp.program_id(), pins.dir()));
    return dp;
}

std::uint32_t Dataplane::program_id() const
{
    return program_info(program_.get(), XdpObject::kProgramName).id;
}

AttachResult Dataplane::attach(const std::string& ifname, const AttachOptions& options)
{
    AttachResult result = XdpAttacher(pins_).attach(ifname, options);
    program_ = open_pinned_program(pins_);
    return result;
}

bool Dataplane::detach(const std::string& ifname) const
{
    return XdpAttacher(pins_).detach(ifname);
}

std::optional<AttachResult> Dataplane::attachment(const std::string& ifname) const
{
    return XdpAttacher(pins_).query(ifname);
}

} // namespace shoal
