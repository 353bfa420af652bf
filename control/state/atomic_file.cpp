// SPDX-License-Identifier: MIT
#include "state/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <system_error>
#include <utility>

#include "base/unique_fd.h"

namespace shoal::state {

namespace {
std::system_error io_error(int error, std::string_view what, const std::filesystem::path& path) {
    return std::system_error(error, std::generic_category(),
                             fmt::format("{} {}", what, path.string()));
}

std::string temp_prefix(const std::filesystem::path& path) {
    return "." + path.filename().string() + ".tmp-";
}

std::filesystem::path temp_path(const std::filesystem::path& path) {
    static std::atomic<unsigned> counter{0};
    return path.parent_path() / fmt::format("{}{}-{}", temp_prefix(path), ::getpid(), counter++);
}

void write_all(int fd, std::string_view contents, const std::filesystem::path& path) {
    while (!contents.empty()) {
        const ssize_t n = ::write(fd, contents.data(), contents.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw io_error(errno, "write", path);
        contents.remove_prefix(static_cast<std::size_t>(n));
    }
}
}  // namespace

void fsync_directory(const std::filesystem::path& directory) {
    UniqueFd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) throw io_error(errno, "open directory", directory);
    if (::fsync(fd.get()) != 0) throw io_error(errno, "fsync directory", directory);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           mode_t mode) {
    const auto temp = temp_path(path);
    UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0) throw io_error(errno, "create", temp);
    try {
        write_all(fd.get(), contents, temp);
        if (::fchmod(fd.get(), mode) != 0)
            throw io_error(errno, "chmod", temp);  // umask may have narrowed it
        if (::fsync(fd.get()) != 0) throw io_error(errno, "fsync", temp);
        if (::close(fd.release()) != 0) throw io_error(errno, "close", temp);
        if (::rename(temp.c_str(), path.c_str()) != 0)
            throw io_error(errno, "rename to " + path.string() + ":", temp);
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
    fsync_directory(path.parent_path().empty() ? "." : path.parent_path());
}

std::string read_whole_file(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw io_error(errno, "open", path);
    std::string contents;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw io_error(errno, "read", path);
        if (n == 0) return contents;
        contents.append(buffer, static_cast<std::size_t>(n));
    }
}

bool is_temp_file_name(std::string_view file_name) {
    return file_name.starts_with('.') && file_name.find(".tmp-") != std::string_view::npos;
}

std::size_t remove_stale_temp_files(const std::filesystem::path& directory, std::string_view name) {
    std::size_t removed = 0;
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(directory.empty() ? "." : directory, ec)) {
        const auto file_name = entry.path().filename().string();
        const auto marker = file_name.rfind(".tmp-");
        if (!file_name.starts_with('.') || marker == std::string::npos) continue;
        if (!name.empty() && std::string_view(file_name).substr(1, marker - 1) != name) continue;
        const std::string_view rest = std::string_view(file_name).substr(marker + 5);
        pid_t pid = 0;
        const auto [end, parse] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
        const bool writer_alive =
            parse == std::errc() && pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
        if (!writer_alive && std::filesystem::remove(entry.path(), ec)) ++removed;
    }
    return removed;
}

}  // namespace shoal::state
