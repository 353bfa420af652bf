// SPDX-License-Identifier: MIT
#include "netns/test_bpffs.h"

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "base/errors.h"

namespace shoal::test {

TestBpffs::TestBpffs() : dir_("shoal-bpffs"), path_(dir_.path().string()) {
    if (::mount("bpf", path_.c_str(), "bpf", 0, "mode=0700") != 0)
        throw std::runtime_error(errno_message("mount -t bpf bpf " + path_));
}

TestBpffs::~TestBpffs() {
    if (::umount2(path_.c_str(), MNT_DETACH) != 0) {
        std::fprintf(stderr, "umount %s: %s\n", path_.c_str(), std::strerror(errno));
        dir_.keep();  // never remove_all through a bpffs still mounted
    }
}

}  // namespace shoal::test
