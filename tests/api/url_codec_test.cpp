// SPDX-License-Identifier: MIT
#include "api/url_codec.h"

#include <catch2/catch.hpp>

#include "api/response.h"
#include "api/route_pattern.h"

using namespace shoal::api;

TEST_CASE("split_target separates the path from the query") {
    auto parts = split_target("/v1/table?service=web&diff=41");
    CHECK(parts.path == "/v1/table");
    CHECK(parts.query == "service=web&diff=41");
    parts = split_target("/v1/status");
    CHECK(parts.path == "/v1/status");
    CHECK(parts.query.empty());
}

TEST_CASE("percent_decode turns escapes into bytes and '+' into space only in queries") {
    CHECK(percent_decode("srv%2F2%20a", false) == "srv/2 a");
    CHECK(percent_decode("a+b", false) == "a+b");
    CHECK(percent_decode("a+b", true) == "a b");
    CHECK(percent_decode("%e2%9C%93", false) == "\xe2\x9c\x93");
}

TEST_CASE("percent_decode rejects malformed escapes with a 400 naming the text") {
    for (const auto* bad : {"%", "%4", "abc%zz", "%g0"}) {
        try {
            percent_decode(bad, false);
            FAIL("accepted " << bad);
        } catch (const ApiError& e) {
            CHECK(e.status() == boost::beast::http::status::bad_request);
            CHECK_THAT(e.what(), Catch::Contains(bad));
        }
    }
}

TEST_CASE("parse_query decodes keys and values, skips empty pieces, keeps valueless keys") {
    const auto query = parse_query("service=web%20front&&diff=41&verbose&name=a+b");
    CHECK(query.size() == 4);
    CHECK(query.at("service") == "web front");
    CHECK(query.at("diff") == "41");
    CHECK(query.at("verbose").empty());
    CHECK(query.at("name") == "a b");
    CHECK(parse_query("").empty());
}

TEST_CASE("parse_query refuses a parameter given twice") {
    CHECK_THROWS_WITH(parse_query("diff=1&diff=2"), Catch::Contains("\"diff\" given twice"));
}

TEST_CASE("percent_encode keeps unreserved characters and round-trips through decode") {
    CHECK(percent_encode("srv-1_a.b~") == "srv-1_a.b~");
    CHECK(percent_encode("a b/c?d&e=f") == "a%20b%2Fc%3Fd%26e%3Df");
    const std::string odd = "web front/ü&=?%";
    CHECK(percent_decode(percent_encode(odd), true) == odd);
}

TEST_CASE("split_path decodes each segment after splitting, so %2F stays inside one") {
    const auto segments = split_path("/v1/servers/srv%2F2/drain");
    REQUIRE(segments.size() == 4);
    CHECK(segments[2] == "srv/2");
    CHECK(split_path("/") == std::vector<std::string>{""});
    CHECK_THROWS_AS(split_path("v1/status"), ApiError);
}

TEST_CASE("route patterns reject malformed parameters and repeated names") {
    CHECK_THROWS_WITH(RoutePattern("v1/status"), Catch::Contains("must start with '/'"));
    CHECK_THROWS_WITH(RoutePattern("/v1/{}"), Catch::Contains("whole {name}"));
    CHECK_THROWS_WITH(RoutePattern("/v1/x{name}"), Catch::Contains("whole {name}"));
    CHECK_THROWS_WITH(RoutePattern("/v1/{a}/{a}"), Catch::Contains("{a} appears twice"));
    CHECK_THROWS_WITH(RoutePattern("/v1/status?x=1"), Catch::Contains("query"));
}

TEST_CASE("route patterns match whole segments and capture non-empty parameters") {
    const RoutePattern pattern("/v1/servers/{name}/weight");
    ParamMap params;
    CHECK(pattern.match({"v1", "servers", "srv2", "weight"}, params));
    CHECK(params.at("name") == "srv2");
    CHECK_FALSE(pattern.match({"v1", "servers", "", "weight"}, params));
    CHECK_FALSE(pattern.match({"v1", "servers", "srv2"}, params));
    CHECK_FALSE(pattern.match({"v1", "servers", "srv2", "weight", ""}, params));
    CHECK(pattern.literal_count() == 3);
}
