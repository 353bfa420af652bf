// SPDX-License-Identifier: MIT
#include "base/unique_fd.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <utility>

using shoal::UniqueFd;

namespace {
bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }
}  // namespace

TEST_CASE("UniqueFd closes its descriptor once, and moves hand it over") {
    int raw = -1;
    {
        UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        REQUIRE(fd.valid());
        raw = fd.get();
        UniqueFd moved(std::move(fd));
        CHECK_FALSE(fd.valid());
        CHECK(moved.get() == raw);
        CHECK(is_open(raw));
    }
    CHECK_FALSE(is_open(raw));
    UniqueFd kept(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    const int released = kept.release();
    CHECK_FALSE(kept.valid());
    CHECK(is_open(released));
    ::close(released);  // released: the caller owns it now
}
