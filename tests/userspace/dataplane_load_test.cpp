// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <set>

#include <sys/stat.h>
#include <unistd.h>

#include "dataplane_fixture.h"
#include "dataplane/dataplane_error.h"
#include "netns/command.h"

using namespace shoal;
using namespace shoal::test;

namespace {

DataplaneConfig sample_config()
{
    DataplaneConfig c;
    c.hash_key = {11, 22};
    c.self_v4 = IpAddress::parse("198.18.1.1");
    c.self_index = 1;
    return c;
}

} // namespace

TEST_CASE("load passes the verifier and pins every map under the directory", "[load]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));

    bpf_prog_info info{};
    __u32 len = sizeof(info);
    REQUIRE(::bpf_obj_get_info_by_fd(dp.program_fd(), &info, &len) == 0);
    CHECK(info.type == BPF_PROG_TYPE_XDP);
    CHECK(std::string(info.name) == "shoal_xdp");
    for (std::string_view name : kDataplaneMapNames) {
        INFO(name);
        CHECK(dp.pins().exists(dp.pins().map(name)));
    }
    // Only attach pins the program: a loaded but idle program is not a running data plane.
    CHECK_FALSE(dp.pins().exists(dp.pins().program()));
}

TEST_CASE("a second load reuses the pinned maps with their contents", "[load]")
{
    TestBpffs bpffs;
    std::uint32_t first_ids[3];
    {
        const Dataplane first = Dataplane::load(options_in(bpffs));
        first.config().write(sample_config());
        first.tx_ports().add(1); // lo
        first_ids[0] = map_id(first.maps().config.fd());
        first_ids[1] = map_id(first.maps().tables.fd());
        first_ids[2] = map_id(first.maps().tx_ports.fd());
    }
    const Dataplane second = Dataplane::load(options_in(bpffs));
    CHECK(map_id(second.maps().config.fd()) == first_ids[0]);
    CHECK(map_id(second.maps().tables.fd()) == first_ids[1]);
    CHECK(second.config().read() == sample_config());
    // The device map too, although the kernel marks it read-only to programs (libbpf 1.1
    // would refuse it through its pin: XdpObject hands it over by fd).
    CHECK(map_id(second.maps().tx_ports.fd()) == first_ids[2]);
    CHECK(second.tx_ports().list() == std::set<std::uint32_t>{1});
}

TEST_CASE("load refuses a pin directory that is not on a bpffs", "[load]")
{
    char dir[] = "/tmp/shoal-not-bpffs-XXXXXX";
    REQUIRE(::mkdtemp(dir));
    CHECK_THROWS_WITH(Dataplane::load(DataplaneOptions{dir}),
                      Catch::Contains(dir) && Catch::Contains("not on a bpffs"));
    ::rmdir(dir);
}

TEST_CASE("a pinned map with another layout is refused by adopt and by load, naming it", "[load]")
{
    TestBpffs bpffs;
    const PinPaths pins = Dataplane::load(options_in(bpffs)).pins();
    // Replace shoal_servers with a same-named map of another value size (an old ABI).
    const std::string path = pins.map(SHOAL_MAP_SERVERS);
    REQUIRE(::unlink(path.c_str()) == 0);
    const int fd = ::bpf_map_create(BPF_MAP_TYPE_ARRAY, SHOAL_MAP_SERVERS, 4, 8, 16, nullptr);
    REQUIRE(fd >= 0);
    REQUIRE(::bpf_obj_pin(fd, path.c_str()) == 0);
    ::close(fd);

    CHECK_THROWS_WITH(Dataplane::adopt(pins.dir()),
                      Catch::Contains("shoal_servers") && Catch::Contains("value 8"));
    CHECK_THROWS_WITH(Dataplane::load(DataplaneOptions{pins.dir()}),
                      Catch::Contains(path) && Catch::Contains("another layout") &&
                          Catch::Contains("value 8"));
}

TEST_CASE("a data plane pinned by the previous ABI (48-byte shoal_config, no shoal_gue_auth) is "
          "refused by adopt and load, naming shoal_config",
          "[load]")
{
    TestBpffs bpffs;
    const PinPaths pins = Dataplane::load(options_in(bpffs)).pins();
    const std::string config = pins.map(SHOAL_MAP_CONFIG);
    REQUIRE(::unlink(config.c_str()) == 0);
    REQUIRE(::unlink(pins.map(SHOAL_MAP_GUE_AUTH).c_str()) == 0);
    const int fd = ::bpf_map_create(BPF_MAP_TYPE_ARRAY, SHOAL_MAP_CONFIG, 4, 48, 1, nullptr);
    REQUIRE(fd >= 0);
    REQUIRE(::bpf_obj_pin(fd, config.c_str()) == 0);
    ::close(fd);

    // (Catch matchers refer to their parts: one expression each, not one shared variable.)
#define OLD_ABI_REFUSED                                                                            \
    Catch::Contains("use pinned map shoal_config") &&                                               \
        Catch::Contains(config + " was pinned by a data plane with another layout (another "       \
                                 "version of Shoal)") &&                                            \
        Catch::Contains("value 48") && Catch::Contains("value 56") &&                              \
        Catch::Contains("shoalctl detach")
    CHECK_THROWS_WITH(Dataplane::adopt(pins.dir()), OLD_ABI_REFUSED);
    CHECK_THROWS_WITH(Dataplane::load(DataplaneOptions{pins.dir()}), OLD_ABI_REFUSED);
#undef OLD_ABI_REFUSED
}

TEST_CASE("adopt without a pinned program reports that nothing runs there", "[load]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    CHECK_THROWS_WITH(Dataplane::adopt(dp.pins().dir()),
                      Catch::Contains("open pinned program") &&
                          Catch::Contains("shoal_xdp_prog") &&
                          Catch::Contains("No such file or directory"));
}

TEST_CASE("unpin removes every pin of the data plane", "[load]")
{
    TestBpffs bpffs;
    const Dataplane dp = Dataplane::load(options_in(bpffs));
    dp.unpin();
    for (std::string_view name : kDataplaneMapNames)
        CHECK_FALSE(dp.pins().exists(dp.pins().map(name)));
    // The maps themselves live on while this process holds them.
    CHECK(dp.config().read().self_index == 0);
}
