// SPDX-License-Identifier: MIT
#include "health/health_types.h"

#include <catch2/catch.hpp>

#include "health_recorder.h"

using namespace shoal::health;
using shoal::test::fast_check;
using shoal::test::make_target;

TEST_CASE("check_target names the target and the broken field", "[health]") {
    Target target = make_target("srv-a", "198.18.0.5", 8080, fast_check(CheckType::http, 2, 3));
    REQUIRE_NOTHROW(check_target(target));

    auto message_for = [&](auto&& change) {
        Target broken = target;
        change(broken);
        try {
            check_target(broken);
        } catch (const HealthError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message_for([](Target& t) { t.check.rise = 0; }) ==
          "health check web/srv-a: rise must be at least 1, got 0");
    CHECK(message_for([](Target& t) { t.check.fall = 0; }) ==
          "health check web/srv-a: fall must be at least 1, got 0");
    CHECK(message_for([](Target& t) { t.check.interval = std::chrono::milliseconds(0); }) ==
          "health check web/srv-a: interval must be positive, got 0ms");
    CHECK(message_for([](Target& t) { t.check.timeout = std::chrono::milliseconds(-1); }) ==
          "health check web/srv-a: timeout must be positive, got -1ms");
    CHECK(message_for([](Target& t) { t.check.jitter = std::chrono::milliseconds(-5); }) ==
          "health check web/srv-a: jitter must not be negative, got -5ms");
    CHECK(message_for([](Target& t) { t.port = 0; }) ==
          "health check web/srv-a: port must be 1..65535, got 0");
    CHECK(message_for([](Target& t) { t.address = boost::asio::ip::make_address("::"); }) ==
          "health check web/srv-a: address :: is unspecified");
    CHECK(message_for([](Target& t) { t.check.http_path = "healthz"; }) ==
          "health check web/srv-a: http path \"healthz\" must start with '/' and hold no "
          "spaces or line breaks");
    CHECK(message_for([](Target& t) { t.check.http_path = "/x\r\nEvil: 1"; }) != "no error");
}

TEST_CASE("check types parse from their config names", "[health]") {
    CHECK(parse_check_type("tcp") == CheckType::tcp);
    CHECK(parse_check_type("http") == CheckType::http);
    CHECK_THROWS_WITH(parse_check_type("icmp"),
                      "health check type \"icmp\": expected \"tcp\" or \"http\"");
}

TEST_CASE("same_probe ignores timings but not what is probed", "[health]") {
    const Target a = make_target("srv-a", "2001:db8::5", 80, fast_check(CheckType::http, 2, 3));
    Target timing = a;
    timing.check.interval = std::chrono::seconds(5);
    timing.check.rise = 7;
    CHECK(same_probe(a, timing));
    Target path = a;
    path.check.http_path = "/other";
    CHECK_FALSE(same_probe(a, path));
    Target port = a;
    port.port = 81;
    CHECK_FALSE(same_probe(a, port));
    Target type = a;
    type.check.type = CheckType::tcp;
    CHECK_FALSE(same_probe(a, type));
}
