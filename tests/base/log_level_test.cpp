// SPDX-License-Identifier: MIT
#include "base/log_level.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace shoal;

TEST_CASE("log levels read back from their names and refuse others") {
    for (LogLevel level : {LogLevel::debug, LogLevel::info, LogLevel::warn, LogLevel::error})
        CHECK(parse_log_level(to_string(level)) == level);
    CHECK(LogLevel::debug < LogLevel::error);
    CHECK_THROWS_WITH(parse_log_level("verbose"),
                      "log level \"verbose\": expected debug, info, warn or error");
}
