// SPDX-License-Identifier: MIT
#include "api/router.h"

#include <catch2/catch.hpp>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "api/response.h"

using namespace shoal::api;
using boost::beast::http::status;
using boost::beast::http::verb;
using nlohmann::json;

namespace {

// Collects what the router logs, so tests can see a failing handler was reported.
struct LogCapture {
    std::vector<ApiLogEvent> events;
    ApiLog sink() {
        return [this](const ApiLogEvent& e) { events.push_back(e); };
    }
};

std::string header(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "";
}

}  // namespace

TEST_CASE("a handler sees path parameters, decoded query parameters and the JSON body") {
    Router router;
    router.put("/v1/servers/{name}/weight", [](const Request& r) {
        return ok({{"name", r.param("name")},
                   {"weight", r.body_object().at("weight")},
                   {"note", r.query_value("note").value_or("")},
                   {"pattern", r.pattern}});
    });
    const auto response =
        router.handle(verb::put, "/v1/servers/srv%202/weight?note=a+b%21", R"({"weight": 50})");
    CHECK(response.status == status::ok);
    CHECK(response.body == json{{"name", "srv 2"},
                                {"weight", 50},
                                {"note", "a b!"},
                                {"pattern", "/v1/servers/{name}/weight"}});
}

TEST_CASE("an empty body reaches the handler as JSON null") {
    Router router;
    router.post("/v1/reload", [](const Request& r) { return ok({{"null", r.body.is_null()}}); });
    CHECK(router.handle(verb::post, "/v1/reload").body.at("null") == true);
    CHECK(router.handle(verb::post, "/v1/reload", "  \n").body.at("null") == true);
}

TEST_CASE("an unknown path answers 404 naming the path") {
    Router router;
    router.get("/v1/status", [](const Request&) { return ok({}); });
    const auto response = router.handle(verb::get, "/v1/nope?x=1");
    CHECK(response.status == status::not_found);
    CHECK(response.body.at("error") == "no such path: /v1/nope");
}

TEST_CASE("a known path with another method answers 405 with an Allow header") {
    Router router;
    router.put("/v1/servers/{name}/weight", [](const Request&) { return ok({}); });
    router.del("/v1/servers/{name}/weight", [](const Request&) { return ok({}); });
    const auto response = router.handle(verb::get, "/v1/servers/srv1/weight");
    CHECK(response.status == status::method_not_allowed);
    CHECK(header(response, "Allow") == "DELETE, PUT");
    CHECK_THAT(response.body.at("error").get<std::string>(),
               Catch::Contains("does not take GET; use DELETE, PUT"));
}

TEST_CASE("a body that is not JSON answers 400 before the handler runs") {
    Router router;
    bool ran = false;
    router.post("/v1/plan", [&](const Request&) {
        ran = true;
        return ok({});
    });
    const auto response = router.handle(verb::post, "/v1/plan", R"({"change": )");
    CHECK(response.status == status::bad_request);
    CHECK_THAT(response.body.at("error").get<std::string>(),
               Catch::StartsWith("request body is not valid JSON: "));
    CHECK_FALSE(ran);
}

TEST_CASE("a handler's ApiError becomes its status and message") {
    Router router;
    router.post("/v1/servers/{name}/drain", [](const Request& r) -> Response {
        throw ApiError::not_found("unknown server " + r.param("name"));
    });
    router.post("/v1/reload", [](const Request&) -> Response {
        throw ApiError::conflict("config.json: /services/0/vips: expected an array");
    });
    auto response = router.handle(verb::post, "/v1/servers/srv9/drain");
    CHECK(response.status == status::not_found);
    CHECK(response.body == json{{"error", "unknown server srv9"}});
    response = router.handle(verb::post, "/v1/reload");
    CHECK(response.status == status::conflict);
}

TEST_CASE("any other exception becomes 500 with its message and is logged") {
    LogCapture log;
    Router router(log.sink());
    router.get("/v1/stats", [](const Request&) -> Response {
        throw std::runtime_error("reading map shoal_stats: Bad file descriptor");
    });
    const auto response = router.handle(verb::get, "/v1/stats");
    CHECK(response.status == status::internal_server_error);
    CHECK(response.body.at("error") == "reading map shoal_stats: Bad file descriptor");
    REQUIRE(log.events.size() == 1);
    CHECK(log.events[0].level == shoal::LogLevel::error);
    CHECK(log.events[0].event == "api_handler_failed");
    CHECK(log.events[0].method == "GET");
    CHECK(log.events[0].target == "/v1/stats");
    CHECK(log.events[0].status == 500);
}

TEST_CASE("malformed query or path escapes answer 400") {
    Router router;
    router.get("/v1/table", [](const Request& r) { return ok({{"diff", *r.query_u64("diff")}}); });
    CHECK(router.handle(verb::get, "/v1/table?diff=41").body.at("diff") == 41);
    CHECK(router.handle(verb::get, "/v1/table?diff=%zz").status == status::bad_request);
    CHECK(router.handle(verb::get, "/v1/%zz").status == status::bad_request);
    const auto bad = router.handle(verb::get, "/v1/table?diff=-1");
    CHECK(bad.status == status::bad_request);
    CHECK_THAT(bad.body.at("error").get<std::string>(),
               Catch::Contains("\"diff\": expected a non-negative integer, got \"-1\""));
}

TEST_CASE("a literal segment wins over a parameter in the same place") {
    Router router;
    router.get("/v1/servers/{name}", [](const Request&) { return ok({{"route", "param"}}); });
    router.get("/v1/servers/all", [](const Request&) { return ok({{"route", "literal"}}); });
    CHECK(router.handle(verb::get, "/v1/servers/all").body.at("route") == "literal");
    CHECK(router.handle(verb::get, "/v1/servers/srv1").body.at("route") == "param");
}

TEST_CASE("registering the same method and pattern shape twice is refused") {
    Router router;
    router.get("/v1/servers/{name}", [](const Request&) { return ok({}); });
    CHECK_THROWS_WITH(router.get("/v1/servers/{other}", [](const Request&) { return ok({}); }),
                      Catch::Contains("clashes with GET /v1/servers/{name}"));
    CHECK_NOTHROW(router.post("/v1/servers/{other}", [](const Request&) { return ok({}); }));
}

TEST_CASE("an async handler may answer later from another thread") {
    Router router;
    std::thread worker;
    router.add_async(verb::get, "/v1/slow", [&](const Request& r, Router::Reply reply) {
        worker = std::thread([reply, target = r.target] { reply(ok({{"target", target}})); });
    });
    std::promise<Response> answered;
    router.dispatch(verb::get, "/v1/slow?x=1", "",
                    [&](Response response) { answered.set_value(std::move(response)); });
    const auto response = answered.get_future().get();
    worker.join();
    CHECK(response.body.at("target") == "/v1/slow?x=1");
}

TEST_CASE("an async handler that drops its reply answers 500 instead of hanging") {
    LogCapture log;
    Router router(log.sink());
    router.add_async(verb::get, "/v1/lost", [](const Request&, Router::Reply) {});
    const auto response = router.handle(verb::get, "/v1/lost");
    CHECK(response.status == status::internal_server_error);
    CHECK(response.body.at("error") == "handler finished without answering");
    REQUIRE(log.events.size() == 1);
    CHECK(log.events[0].event == "api_handler_failed");
}

TEST_CASE("an async handler that throws before answering gets its error mapped") {
    Router router;
    router.add_async(verb::post, "/v1/detach", [](const Request&, Router::Reply) {
        throw ApiError::unavailable("the agent role is not running here");
    });
    const auto response = router.handle(verb::post, "/v1/detach");
    CHECK(response.status == status::service_unavailable);
    CHECK(response.body.at("error") == "the agent role is not running here");
}
