// SPDX-License-Identifier: MIT
// Crash-safe file replacement, shared by the operator state and the file store.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace shoal::state {

// Replaces `path` with `contents` so a reader sees the old file or the new one, never a mix,
// and the new one survives a crash once this returns: a temp file in the same directory,
// fsync, rename over `path`, fsync the directory. Throws std::system_error naming the file.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents,
                           mode_t mode = 0644);

// The whole file; throws std::system_error naming it (ENOENT included).
std::string read_whole_file(const std::filesystem::path& path);

void fsync_directory(const std::filesystem::path& directory);

// Temp files of write_file_atomically are ".NAME.tmp-PID-N" next to NAME. Removes those in
// `directory` whose writer process is gone (a crash mid-write), only those of `name` unless
// it is empty; returns how many.
std::size_t remove_stale_temp_files(const std::filesystem::path& directory,
                                    std::string_view name = {});

bool is_temp_file_name(std::string_view file_name);

}  // namespace shoal::state
