// SPDX-License-Identifier: MIT
// Human units, aligned tables and drain progress lines.
#include <catch2/catch.hpp>

#include "cli/drain_wait.h"
#include "cli/format.h"

using namespace shoal::cli;
using namespace std::chrono_literals;

TEST_CASE("elapsed times show in whole seconds") {
    CHECK(format_elapsed(12999ms) == "12s");
    CHECK(format_elapsed(125s) == "2m05s");
    CHECK(format_elapsed(3723s) == "1h02m03s");
}

TEST_CASE("counts scale by 1000 with one decimal below 100") {
    const auto [count, text] =
        GENERATE(table<std::uint64_t, std::string>({{0, "0"},
                                                    {999, "999"},
                                                    {1234, "1.2k"},
                                                    {12345, "12.3k"},
                                                    {123456, "123k"},
                                                    {1234567, "1.2M"},
                                                    {999950, "1.0M"},
                                                    {5000000000000ULL, "5.0T"}}));
    CHECK(format_count(count) == text);
}

TEST_CASE("bytes scale by 1024 in IEC units") {
    CHECK(format_bytes(740) == "740 B");
    CHECK(format_bytes(1023) == "1023 B");
    CHECK(format_bytes(4000) == "3.9 KiB");
    CHECK(format_bytes(98765432) == "94.2 MiB");
    CHECK(format_bytes(3650722201ULL) == "3.4 GiB");
    CHECK(format_bytes(1048575) == "1.0 MiB");
}

TEST_CASE("percentages and signed changes") {
    CHECK(format_percent(0.2312) == "23.1%");
    CHECK(format_percent(1.5) == "150.0%");
    CHECK(format_delta(5462) == "+5462");
    CHECK(format_delta(-16384) == "-16384");
    CHECK(format_delta(0) == "0");
}

TEST_CASE("tables align columns, right-align numbers and trim trailing spaces") {
    TextTable table({{"NAME"}, {"COUNT", Align::right}, {"NOTE"}});
    table.add_row({"a", "1", ""});
    table.add_row({"long-name", "12345", "ok"});
    CHECK(table.render() ==
          "NAME       COUNT  NOTE\n"
          "a              1\n"
          "long-name  12345  ok\n");
    CHECK_THROWS_AS(table.add_row({"only one"}), std::invalid_argument);
}

TEST_CASE("table widths count UTF-8 characters, not bytes") {
    TextTable table({{"A"}, {"B"}});
    table.add_row({"\xc3\xbc\xc3\xbc", "x"});
    CHECK(table.render() == "A   B\n\xc3\xbc\xc3\xbc  x\n");
}

TEST_CASE("the progress bar fills as connections close") {
    CHECK(progress_bar_line("srv2", 312, 312, 0s, 10) == "[..........] 312 connections left, 0s");
    CHECK(progress_bar_line("srv2", 156, 312, 12s, 10) == "[#####.....] 156 connections left, 12s");
    CHECK(progress_bar_line("srv2", 1, 312, 75s, 10) == "[#########.] 1 connection left, 1m15s");
    CHECK(progress_bar_line("srv2", std::nullopt, 0, 3s, 10) ==
          "[..........] waiting for srv2's agent to report, 3s");
    // A count that grows past the first one keeps an empty bar rather than wrapping.
    CHECK(progress_bar_line("srv2", 400, 312, 1s, 10) == "[..........] 400 connections left, 1s");
}

TEST_CASE("plain progress lines name the server") {
    CHECK(progress_plain_line("srv2", 312, 12s) == "srv2: 312 connections left (12s)");
    CHECK(progress_plain_line("srv2", std::nullopt, 3s) ==
          "srv2: no connection count reported yet (3s)");
}
