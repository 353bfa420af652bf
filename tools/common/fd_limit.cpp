// SPDX-License-Identifier: MIT
#include "common/fd_limit.h"

#include <sys/resource.h>

#include <cerrno>
#include <system_error>

namespace shoal::tools {

unsigned long raise_fd_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        throw std::system_error(errno, std::generic_category(), "getrlimit(RLIMIT_NOFILE)");
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            throw std::system_error(errno, std::generic_category(), "setrlimit(RLIMIT_NOFILE)");
    }
    return limit.rlim_cur;
}

}  // namespace shoal::tools
