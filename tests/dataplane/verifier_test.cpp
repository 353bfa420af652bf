// SPDX-License-Identifier: MIT
// The verifier accepts shoal_xdp as built, loaded the way the daemon loads it.
#include <bpf/bpf.h>
#include <linux/bpf.h>

#include <catch2/catch.hpp>
#include <iostream>

#include "dataplane/dataplane.h"
#include "netns/test_bpffs.h"
#include "xdp_rig/noop_program.h"

using namespace shoal;
using namespace shoal::test;

namespace {

bpf_prog_info program_info(int fd) {
    bpf_prog_info info{};
    __u32 len = sizeof(info);
    REQUIRE(::bpf_obj_get_info_by_fd(fd, &info, &len) == 0);
    return info;
}

}  // namespace

TEST_CASE("the verifier accepts shoal_xdp and the JIT compiles it", "[verifier]") {
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(DataplaneOptions{bpffs.subdir("shoal")});
    const bpf_prog_info info = program_info(dp.program_fd());
    const NoopProgram noop;
    const bpf_prog_info noop_info = program_info(noop.fd());

    std::cout << "shoal_xdp: " << info.verified_insns << " instructions verified, xlated "
              << info.xlated_prog_len << " bytes (" << info.xlated_prog_len / 8 << " insns), jited "
              << info.jited_prog_len << " bytes; shoal_noop: xlated " << noop_info.xlated_prog_len
              << " bytes, jited " << noop_info.jited_prog_len << " bytes\n";
    CHECK(info.type == BPF_PROG_TYPE_XDP);
    CHECK(info.verified_insns > 0);
    CHECK(info.xlated_prog_len > noop_info.xlated_prog_len);
    // bpf_jit_enable=1 here: a program the JIT refused would run interpreted, and slowly.
    CHECK(info.jited_prog_len > 0);
}
