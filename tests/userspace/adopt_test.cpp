// SPDX-License-Identifier: MIT
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "attach_lab.h"
#include "dataplane_fixture.h"

using namespace shoal;
using namespace shoal::test;

namespace {

const ServiceKey kWeb{IpAddress::parse("198.18.0.10"), IPPROTO_TCP, 80};
constexpr std::uint32_t kService = 2;
constexpr std::uint32_t kCounterKey = kService * SHOAL_STAT_MAX + SHOAL_STAT_FORWARD_FIRST_HOP;

// In a child process: load, program and attach a data plane, report the attached program id
// on the pipe, then wait to be killed. Never returns.
[[noreturn]] void run_owner(const AttachLab& lab, int report_fd) {
    std::uint32_t program_id = 0;
    try {
        EnterNetns inside(lab.lb);
        Dataplane dp = Dataplane::load(options_in(lab.bpffs));
        DataplaneConfig config;
        config.hash_key = {1, 2};
        config.self_v4 = IpAddress::parse("198.18.1.1");
        config.self_index = 1;
        dp.config().write(config);
        dp.servers().set(1, server_v4("198.18.1.1"));
        dp.servers().set(2, server_v4("198.18.1.2"));
        dp.tables().publish(kService, cycling_table(1024, {1, 2}));
        dp.services().set({kWeb, kService});
        std::vector<shoal_counter> per_cpu(StatsReader::possible_cpus(), shoal_counter{5, 500});
        ::bpf_map_update_elem(dp.maps().stats.fd(), &kCounterKey, per_cpu.data(), BPF_ANY);
        program_id = dp.attach("shoal0").program_id;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "owner failed: %s\n", e.what());
        ::_exit(1);
    }
    (void)!::write(report_fd, &program_id, sizeof(program_id));
    for (;;) ::pause();
}

// Reads the owner's report within a deadline; 0 when it died or said nothing.
std::uint32_t read_report(int fd) {
    pollfd p{fd, POLLIN, 0};
    std::uint32_t id = 0;
    if (::poll(&p, 1, 20000) == 1 && ::read(fd, &id, sizeof(id)) == sizeof(id)) return id;
    return 0;
}

}  // namespace

TEST_CASE(
    "adopt after the owner is SIGKILLed finds table, service slot, counters and "
    "attachment unchanged",
    "[adopt]") {
    AttachLab lab;
    int report[2];
    REQUIRE(::pipe(report) == 0);
    const pid_t owner = ::fork();
    REQUIRE(owner >= 0);
    if (owner == 0) run_owner(lab, report[1]);
    ::close(report[1]);
    const std::uint32_t program_id = read_report(report[0]);
    ::close(report[0]);
    ::kill(owner, SIGKILL);
    int status = 0;
    ::waitpid(owner, &status, 0);
    REQUIRE(program_id != 0);
    CHECK(WIFSIGNALED(status));

    const Dataplane dp = Dataplane::adopt(options_in(lab.bpffs).pin_dir);
    CHECK(dp.program_id() == program_id);
    const shoal_service entry = raw_lookup<shoal_service>(dp.maps().services.fd(), kWeb.to_abi());
    CHECK(entry.service_id == kService);
    CHECK(entry.table_slot / 2 == kService);
    CHECK(entry.bucket_mask == 1023);
    const auto table = raw_table(dp, entry.table_slot);
    REQUIRE(table.size() == 1024);
    CHECK(table[0].first_hop == 1);
    CHECK(table[1].first_hop == 2);
    CHECK(dp.config().read().self_index == 1);
    const shoal_counter counter = dp.stats().read_row(kService)[SHOAL_STAT_FORWARD_FIRST_HOP];
    CHECK(counter.packets == 5 * StatsReader::possible_cpus());
    CHECK(counter.bytes == 500 * StatsReader::possible_cpus());

    {
        EnterNetns inside(lab.lb);
        const auto attached = dp.attachment("shoal0");
        REQUIRE(attached.has_value());
        CHECK(attached->program_id == program_id);
        CHECK(attached->mode == XdpMode::native);
    }

    // The adopted data plane carries on: the next publish flips to the other slot.
    const PublishedTable next = dp.tables().publish(kService, cycling_table(2048, {2}));
    CHECK(next.slot == (entry.table_slot ^ 1));
    CHECK(next.services_repointed == 1);

    EnterNetns inside(lab.lb);
    CHECK(dp.detach("shoal0"));
}
