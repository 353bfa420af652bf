// SPDX-License-Identifier: MIT
#include <net/if.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "attach_lab.h"
#include "dataplane/dataplane_error.h"
#include "dataplane_fixture.h"

using namespace shoal;
using namespace shoal::test;

namespace {

bool uses_map(std::uint32_t prog_id, int map_fd) {
    const auto ids = program_map_ids(prog_id);
    return std::find(ids.begin(), ids.end(), map_id(map_fd)) != ids.end();
}

// The program the kernel runs for the interface: shoal_xdp itself, or the dispatcher.
std::uint32_t attached_id(const bpf_xdp_query_opts& q, XdpMode mode) {
    return mode == XdpMode::skb ? q.skb_prog_id : q.drv_prog_id;
}

void report_dispatcher(const AttachResult& r) {
    if (!r.dispatcher)
        WARN("libxdp attached without its dispatcher (this kernel refuses BPF trampolines): "
             << r.message);
}

}  // namespace

TEST_CASE("shoal_xdp attaches to a veth in native mode through libxdp and detaches", "[attach]") {
    AttachLab lab;
    Dataplane dp = Dataplane::load(options_in(lab.bpffs));
    EnterNetns inside(lab.lb);
    const AttachResult r = dp.attach("shoal0");
    report_dispatcher(r);

    CHECK(r.ifname == "shoal0");
    CHECK(r.ifindex == static_cast<int>(::if_nametoindex("shoal0")));
    CHECK(r.mode == XdpMode::native);
    CHECK_FALSE(r.fell_back_to_skb);
    CHECK_THAT(r.message, Catch::Contains("shoal0") && Catch::Contains("native mode"));
    const bpf_xdp_query_opts q = xdp_query(r.ifindex);
    CHECK(q.attach_mode == XDP_ATTACHED_DRV);
    if (!r.dispatcher)
        CHECK(q.drv_prog_id == r.program_id);
    else
        CHECK(q.drv_prog_id != 0);
    // The attached instance is the pinned one and shares the pinned maps.
    CHECK(dp.program_id() == r.program_id);
    CHECK(uses_map(r.program_id, dp.maps().tables.fd()));
    CHECK(uses_map(r.program_id, dp.maps().services.fd()));
    REQUIRE(dp.attachment("shoal0").has_value());
    CHECK(dp.attachment("shoal0")->program_id == r.program_id);

    CHECK(dp.detach("shoal0"));
    CHECK(xdp_query(r.ifindex).drv_prog_id == 0);
    CHECK_FALSE(dp.attachment("shoal0").has_value());
    CHECK_FALSE(dp.pins().exists(dp.pins().program()));
    CHECK_FALSE(dp.detach("shoal0"));
}

TEST_CASE("shoal_xdp attaches in skb mode when asked", "[attach]") {
    AttachLab lab;
    Dataplane dp = Dataplane::load(options_in(lab.bpffs));
    EnterNetns inside(lab.lb);
    const AttachResult r = dp.attach("shoal0", {.mode = XdpMode::skb});
    report_dispatcher(r);
    CHECK(r.mode == XdpMode::skb);
    CHECK_FALSE(r.fell_back_to_skb);
    const bpf_xdp_query_opts q = xdp_query(r.ifindex);
    CHECK(q.attach_mode == XDP_ATTACHED_SKB);
    CHECK(q.drv_prog_id == 0);
    CHECK(q.skb_prog_id != 0);
    if (!r.dispatcher) CHECK(q.skb_prog_id == r.program_id);
    CHECK(dp.detach("shoal0"));
    CHECK(attached_id(xdp_query(r.ifindex), XdpMode::skb) == 0);
}

TEST_CASE("without native XDP in the driver, attach falls back to skb mode and says so loudly",
          "[attach]") {
    AttachLab lab;  // the namespace's loopback has no native XDP
    Dataplane dp = Dataplane::load(options_in(lab.bpffs));
    EnterNetns inside(lab.lb);

    CHECK_THROWS_WITH(dp.attach("lo", {.mode = XdpMode::native, .skb_fallback = false}),
                      Catch::Contains("attach shoal_xdp to lo") && Catch::Contains("native mode"));
    CHECK_FALSE(dp.attachment("lo").has_value());

    const AttachResult r = dp.attach("lo");
    CHECK(r.mode == XdpMode::skb);
    CHECK(r.fell_back_to_skb);
    CHECK_THAT(r.message, Catch::Contains("AFTER NATIVE MODE FAILED"));
    CHECK(xdp_query(r.ifindex).attach_mode == XDP_ATTACHED_SKB);
    CHECK(dp.detach("lo"));
}

TEST_CASE("attaching where shoal_xdp already runs is refused, naming the program", "[attach]") {
    AttachLab lab;
    Dataplane dp = Dataplane::load(options_in(lab.bpffs));
    EnterNetns inside(lab.lb);
    const AttachResult r = dp.attach("shoal0");
    CHECK_THROWS_WITH(dp.attach("shoal0"),
                      Catch::Contains("already attached") &&
                          Catch::Contains("program id " + std::to_string(r.program_id)));
    CHECK(dp.detach("shoal0"));
}

TEST_CASE("attaching to a missing interface names it", "[attach]") {
    AttachLab lab;
    Dataplane dp = Dataplane::load(options_in(lab.bpffs));
    EnterNetns inside(lab.lb);
    CHECK_THROWS_WITH(dp.attach("shoalnone0"),
                      Catch::Contains("interface shoalnone0") && Catch::Contains("No such device"));
}
