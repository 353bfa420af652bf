// SPDX-License-Identifier: MIT
#include "api/unix_socket_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "api/response.h"
#include "base/unique_fd.h"

namespace shoal::api {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int error) {
    throw ServerError(
        fmt::format("control socket {}: {}: {}", path.string(), what, std::strerror(error)));
}

enum class Probe { live, refused, gone };

// A connect on a non-blocking socket: it answers (or its backlog is full) when live.
Probe probe(const std::filesystem::path& path) {
    const UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid()) fail(path, "socket", errno);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const auto text = path.string();
    std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
    const int rc =
        ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    const int error = rc == 0 ? 0 : errno;
    if (rc == 0 || error == EAGAIN || error == EINPROGRESS) return Probe::live;
    if (error == ECONNREFUSED) return Probe::refused;
    if (error == ENOENT) return Probe::gone;
    fail(path, "probing the existing socket", error);
}

}  // namespace

SocketPathState claim_socket_path(const std::filesystem::path& path) {
    const auto text = path.string();
    if (text.empty()) throw ServerError("control socket: empty path");
    if (text.size() >= sizeof(sockaddr_un::sun_path))
        throw ServerError(fmt::format("control socket {}: path longer than {} bytes", text,
                                      sizeof(sockaddr_un::sun_path) - 1));
    const auto parent = path.parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec)
            throw ServerError(fmt::format("control socket {}: creating directory {}: {}", text,
                                          parent.string(), ec.message()));
    }
    struct stat st {};
    if (::lstat(text.c_str(), &st) != 0) {
        if (errno == ENOENT) return SocketPathState::free;
        fail(path, "lstat", errno);
    }
    if (!S_ISSOCK(st.st_mode))
        throw ServerError(fmt::format(
            "control socket {}: exists and is not a socket; refusing to replace it", text));
    switch (probe(path)) {
        case Probe::live:
            throw ServerError(fmt::format(
                "control socket {}: another process is serving on it (is shoald already "
                "running?)",
                text));
        case Probe::gone:
            return SocketPathState::free;
        case Probe::refused:
            break;
    }
    if (::unlink(text.c_str()) != 0 && errno != ENOENT)
        fail(path, "removing the stale socket", errno);
    return SocketPathState::stale_removed;
}

FileIdentity identity_of(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return {};
    return {st.st_dev, st.st_ino, true};
}

std::error_code remove_if_same(const std::filesystem::path& path, const FileIdentity& identity) {
    const auto now = identity_of(path);
    if (!identity.valid || !now.valid || now.device != identity.device ||
        now.inode != identity.inode)
        return {};
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return {errno, std::generic_category()};
    return {};
}

}  // namespace shoal::api
