// SPDX-License-Identifier: MIT
#include "load/proc_stat_source.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace shoal::load;

TEST_CASE("/proc/stat: the aggregate cpu line gives busy and total ticks") {
    std::string error;
    const auto t = parse_proc_stat("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8\n", error);
    REQUIRE(t);
    CHECK(t->total == 1000);
    CHECK(t->busy == 150);
}

TEST_CASE("/proc/stat: broken inputs say what is wrong") {
    std::string error;
    CHECK_FALSE(parse_proc_stat("", error));
    CHECK_THAT(error, Catch::Contains("not the aggregate"));
    CHECK_FALSE(parse_proc_stat("cpu0 1 2 3 4 5 6 7 8\n", error));
    CHECK_THAT(error, Catch::Contains("not the aggregate"));
    CHECK_FALSE(parse_proc_stat("cpu  1 2 3\n", error));
    CHECK_THAT(error, Catch::Contains("has 3 counters"));
    CHECK_FALSE(parse_proc_stat("cpu  1 2 x 4 5 6 7 8\n", error));
}

TEST_CASE("proc_stat source: a rate between samples; first sample and going back are errors") {
    const auto path = std::filesystem::temp_directory_path() / "shoal-load-proc-stat-test";
    ProcStatSource source(path);
    std::ofstream(path) << "cpu  100 0 0 900 0 0 0 0\n";
    const auto first = source.sample();
    CHECK_FALSE(first.ok());
    CHECK_THAT(first.error, Catch::Contains("first sample"));
    std::ofstream(path) << "cpu  400 0 0 1600 0 0 0 0\n";  // +300 busy of +1000
    CHECK(*source.sample().utilisation == Approx(0.3));
    std::ofstream(path) << "cpu  10 0 0 10 0 0 0 0\n";
    const auto back = source.sample();
    CHECK_FALSE(back.ok());
    CHECK_THAT(back.error, Catch::Contains("did not advance"));
    std::filesystem::remove(path);
    CHECK_THAT(source.sample().error, Catch::Contains("cannot open"));
}

TEST_CASE("proc_stat source on this host's /proc/stat gives a fraction") {
    ProcStatSource source;
    source.sample();
    volatile double spin = 0;
    for (int i = 0; i < 20'000'000; ++i) spin = spin + 1;
    const auto second = source.sample();
    if (second.ok()) {
        CHECK(*second.utilisation >= 0);
        CHECK(*second.utilisation <= 1);
    } else {
        CHECK_THAT(second.error, Catch::Contains("did not advance"));  // a very coarse clock
    }
}
