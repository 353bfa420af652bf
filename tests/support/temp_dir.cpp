// SPDX-License-Identifier: MIT
#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "base/errors.h"

namespace shoal::test {

TempDir::TempDir(std::string_view stem) {
    std::string pattern = "/tmp/" + std::string(stem) + "-XXXXXX";
    if (!::mkdtemp(pattern.data())) throw std::runtime_error(errno_message("mkdtemp " + pattern));
    path_ = pattern;
}

TempDir::~TempDir() {
    if (keep_ || path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, std::string_view content) const {
    const auto file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out << content;
    out.close();
    if (!out) throw std::runtime_error("write " + file.string() + " failed");
    return file;
}

}  // namespace shoal::test
