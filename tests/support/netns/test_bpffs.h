// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "support/temp_dir.h"

namespace shoal::test {

// A private bpffs mounted on a fresh /tmp/shoal-bpffs-XXXXXX for one test (never under /sys,
// which `ip netns exec` remounts), unmounted and removed by the destructor: pins die with it.
// Not copyable (its TempDir is not).
class TestBpffs {
  public:
    TestBpffs();
    ~TestBpffs();

    const std::string& path() const noexcept { return path_; }
    std::string subdir(const std::string& name) const { return path_ + "/" + name; }

  private:
    TempDir dir_;
    std::string path_;
};

}  // namespace shoal::test
