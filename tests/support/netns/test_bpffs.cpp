// SPDX-License-Identifier: MIT
#include "netns/test_bpffs.h"

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace shoal::test {

TestBpffs::TestBpffs()
{
    char dir[] = "/tmp/shoal-bpffs-XXXXXX";
    if (!::mkdtemp(dir))
        throw std::runtime_error(std::string("mkdtemp /tmp/shoal-bpffs-XXXXXX: ") +
                                 std::strerror(errno));
    path_ = dir;
    if (::mount("bpf", dir, "bpf", 0, "mode=0700") != 0) {
        const int err = errno;
        ::rmdir(dir);
        throw std::runtime_error("mount -t bpf bpf " + path_ + ": " + std::strerror(err));
    }
}

TestBpffs::~TestBpffs()
{
    if (::umount2(path_.c_str(), MNT_DETACH) != 0)
        std::fprintf(stderr, "umount %s: %s\n", path_.c_str(), std::strerror(errno));
    else if (::rmdir(path_.c_str()) != 0)
        std::fprintf(stderr, "rmdir %s: %s\n", path_.c_str(), std::strerror(errno));
}

} // namespace shoal::test
