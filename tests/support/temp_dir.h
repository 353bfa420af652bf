// SPDX-License-Identifier: MIT
// A fresh directory /tmp/STEM-XXXXXX for one test, removed with its contents on destruction,
// also when the test fails. Short paths on purpose: a Unix socket path must fit in 108 bytes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace shoal::test {

class TempDir {
  public:
    // Throws std::runtime_error naming the pattern and the errno text.
    explicit TempDir(std::string_view stem = "shoal-test");
    // Moves hand the directory over; copies would remove it twice, so there are none.
    TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})), keep_(other.keep_) {}
    ~TempDir();

    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    // Writes `content` into NAME in the directory; returns its path. Throws on failure.
    std::filesystem::path write(const std::string& name, std::string_view content) const;

    // Leaves the directory in place (something is still mounted on it).
    void keep() noexcept { keep_ = true; }

  private:
    std::filesystem::path path_;
    bool keep_ = false;
};

}  // namespace shoal::test
