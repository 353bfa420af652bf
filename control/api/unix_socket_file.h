// SPDX-License-Identifier: MIT
// The control socket's file: claiming its path before bind (replacing the file a crashed
// daemon left behind, but never one a live daemon still answers on, nor a non-socket), and
// removing it at stop only when it is still the one we created.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <system_error>

namespace shoal::api {

enum class SocketPathState {
    free,          // nothing there
    stale_removed  // a socket nobody listens on was removed
};

// Creates the parent directory when missing. Throws ServerError naming the path when a
// process answers on it, when it is not a socket, or when it cannot be inspected/removed.
SocketPathState claim_socket_path(const std::filesystem::path& path);

struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    bool valid = false;
};

FileIdentity identity_of(const std::filesystem::path& path);

// Unlinks path if it is still the file identified (a newer daemon may have replaced it).
// Returns the unlink error, empty when removed or not ours.
std::error_code remove_if_same(const std::filesystem::path& path, const FileIdentity& identity);

}  // namespace shoal::api
