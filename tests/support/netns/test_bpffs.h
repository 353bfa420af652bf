// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace shoal::test {

// A private bpffs mounted on a fresh /tmp/shoal-bpffs-XXXXXX for one test (never under /sys,
// which `ip netns exec` remounts), unmounted and removed by the destructor: pins die with it.
class TestBpffs {
public:
    TestBpffs();
    ~TestBpffs();
    TestBpffs(const TestBpffs&) = delete;
    TestBpffs& operator=(const TestBpffs&) = delete;

    const std::string& path() const noexcept { return path_; }
    std::string subdir(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

} // namespace shoal::test
