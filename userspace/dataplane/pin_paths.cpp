// SPDX-License-Identifier: MIT
#include "dataplane/pin_paths.h"

#include <fmt/format.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>

#include "dataplane/dataplane_error.h"
#include "dataplane/map_set.h"

namespace shoal {

PinPaths::PinPaths(std::string dir) : dir_(std::move(dir)) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
    if (dir_.empty()) throw DataplaneError::invalid("set pin directory", "empty path");
}

std::string PinPaths::map(std::string_view map_name) const {
    return fmt::format("{}/{}", dir_, map_name);
}

std::string PinPaths::program() const { return map(kProgramPinName); }

void PinPaths::prepare() const {
    for (std::size_t pos = 1; pos != std::string::npos;) {
        pos = dir_.find('/', pos + 1);
        const std::string part = dir_.substr(0, pos);
        if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST)
            throw DataplaneError::system("create pin directory", part, {}, errno);
    }
    struct statfs fs {};
    if (::statfs(dir_.c_str(), &fs) != 0)
        throw DataplaneError::system("statfs pin directory", dir_, {}, errno);
    if (static_cast<unsigned long>(fs.f_type) != BPF_FS_MAGIC)
        throw DataplaneError::invalid(
            "use pin directory",
            fmt::format("{} is not on a bpffs (mount -t bpf bpf <dir>)", dir_));
}

bool PinPaths::exists(const std::string& path) const {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

void PinPaths::remove_all() const {
    auto remove = [](const std::string& path) {
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            throw DataplaneError::system("unpin", path, {}, errno);
    };
    remove(program());
    for (std::string_view name : kDataplaneMapNames) remove(map(name));
}

}  // namespace shoal
