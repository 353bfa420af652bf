// SPDX-License-Identifier: MIT
#include "log/logger.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

using namespace shoal::log;
using shoal::LogLevel;
using namespace std::chrono_literals;

namespace {

struct Capture {
    LineSink sink() {
        return [this](std::string_view line) { lines.emplace_back(line); };
    }
    std::vector<std::string> lines;
};

}  // namespace

TEST_CASE("an event is one line of key=value pairs", "[log]") {
    const std::string name = "web";
    const std::uint64_t generation = 42;
    CHECK(format_line(LogLevel::info, "table_applied",
                      {{"service", name},
                       {"generation", generation},
                       {"buckets", 65536},
                       {"apply_ms", 1.3}}) ==
          "level=info event=table_applied service=web generation=42 buckets=65536 apply_ms=1.3");
    CHECK(format_line(LogLevel::warn, "xdp_attach", {{"native", false}, {"delta", -3}}) ==
          "level=warn event=xdp_attach native=false delta=-3");
    CHECK(format_line(LogLevel::debug, "tick", {}) == "level=debug event=tick");
}

TEST_CASE("values are quoted when they hold spaces, quotes, '=' or control characters", "[log]") {
    CHECK(quote_value("plain-value_1.2:3/x") == "plain-value_1.2:3/x");
    CHECK(quote_value("connect: Connection refused") == "\"connect: Connection refused\"");
    CHECK(quote_value("say \"hi\"") == R"("say \"hi\"")");
    CHECK(quote_value("a=b") == "\"a=b\"");
    CHECK(quote_value("") == "\"\"");
    CHECK(quote_value("back\\slash") == R"("back\\slash")");
    CHECK(quote_value("two\nlines\tand\x01") == R"("two\nlines\tand\x01")");
    CHECK(format_line(LogLevel::error, "health_transition",
                      {{"reason", "http status 503"}, {"from", "up"}}) ==
          "level=error event=health_transition reason=\"http status 503\" from=up");
}

TEST_CASE("keys that are not plain words are made parseable", "[log]") {
    CHECK(format_line(LogLevel::info, "e", {{"bad key=", "v"}, {"", "w"}}) ==
          "level=info event=e bad_key_=v _=w");
}

TEST_CASE("durations are written in milliseconds", "[log]") {
    CHECK(format_line(LogLevel::info, "e", {{"apply_ms", 1300us}, {"wait_ms", 2s}}) ==
          "level=info event=e apply_ms=1.3 wait_ms=2000");
}

TEST_CASE("the level flag filters lines and changes at run time", "[log]") {
    Capture capture;
    Logger logger(capture.sink(), LogLevel::info);
    logger.write(LogLevel::debug, "hidden");
    logger.write(LogLevel::info, "shown_info");
    logger.set_level(LogLevel::warn);
    logger.write(LogLevel::info, "hidden");
    logger.write(LogLevel::error, "shown_error");
    logger.set_level(LogLevel::debug);
    logger.write(LogLevel::debug, "shown_debug");
    CHECK(capture.lines == std::vector<std::string>{"level=info event=shown_info",
                                                    "level=error event=shown_error",
                                                    "level=debug event=shown_debug"});
    CHECK(logger.enabled(LogLevel::debug));
}

TEST_CASE("library text is routed in as one library_log event", "[log]") {
    Capture capture;
    default_logger().set_sink(capture.sink());
    default_logger().set_level(LogLevel::debug);
    library_message(LogLevel::warn, "libbpf", "libbpf: prog 'shoal_xdp': failed to load\n");
    const auto libxdp = library_sink("libxdp");
    libxdp(LogLevel::info, "dispatcher unavailable, falling back");
    info("after", {{"n", 1}});
    default_logger().set_sink(fd_sink(2));
    default_logger().set_level(LogLevel::info);

    CHECK(capture.lines ==
          std::vector<std::string>{
              "level=warn event=library_log source=libbpf msg=\"libbpf: prog 'shoal_xdp': "
              "failed to load\"",
              "level=info event=library_log source=libxdp msg=\"dispatcher unavailable, falling "
              "back\"",
              "level=info event=after n=1"});
}

TEST_CASE("lines written from many threads to a file never interleave", "[log]") {
    char path[] = "/tmp/shoal-log-test-XXXXXX";
    const int fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    constexpr int kThreads = 4;
    constexpr int kLines = 2000;
    {
        Logger logger(fd_sink(fd), LogLevel::info);
        const std::string payload(300, 'x');  // long lines make torn writes likelier
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kLines; ++i)
                    logger.write(LogLevel::info, "burst",
                                 {{"thread", t}, {"seq", i}, {"payload", payload + " end"}});
            });
        }
        for (auto& thread : threads) thread.join();
    }
    ::close(fd);

    std::ifstream in(path);
    std::map<int, int> next_seq;
    std::string line;
    int count = 0;
    const std::string tail = " payload=\"" + std::string(300, 'x') + " end\"";
    while (std::getline(in, line)) {
        ++count;
        int thread = -1;
        int seq = -1;
        REQUIRE(std::sscanf(line.c_str(), "level=info event=burst thread=%d seq=%d", &thread,
                            &seq) == 2);
        REQUIRE(line.size() > tail.size());
        REQUIRE(line.substr(line.size() - tail.size()) == tail);
        REQUIRE(seq == next_seq[thread]++);
    }
    ::unlink(path);
    CHECK(count == kThreads * kLines);
}
