// SPDX-License-Identifier: MIT
// The control API's route table: {method, path pattern, handler}. Routing answers 404 for an
// unknown path, 405 (with Allow) for a known path and another method, 400 for a malformed
// target or a body that is not JSON — all before any handler runs. A handler's ApiError
// becomes its status; any other exception a 500 with its message, also logged.
//
//   api::Router router;
//   router.get("/v1/status", [&](const api::Request&) { return api::ok(status_json()); });
//   router.post("/v1/servers/{name}/drain",
//               [&](const api::Request& r) { return api::ok(drain(r.param("name"))); });
#pragma once

#include <boost/beast/http/verb.hpp>
#include <functional>
#include <ostream>  // boost 1.74 beast/http/verb.hpp uses std::ostream without including it
#include <string>
#include <string_view>
#include <vector>

#include "api/request.h"
#include "api/response.h"
#include "api/route_pattern.h"
#include "base/log_level.h"

namespace shoal::api {

// What the API machinery reports (listening, replaced stale socket, failed handlers, broken
// connections), through a callback the daemon can inject. The default writes key=value lines
// through shoal_log's process-wide logger.
struct ApiLogEvent {
    LogLevel level = LogLevel::info;
    std::string event;    // "api_listening", "api_handler_failed", ...
    std::string address;  // the socket path or TCP address concerned, when any
    std::string method;   // the request's, for events about one request
    std::string target;
    unsigned status = 0;  // the status answered, 0 when none
    std::string error;
};

using ApiLog = std::function<void(const ApiLogEvent&)>;

// Writes "level=error event=api_handler_failed method=GET target=/v1/status status=500
// error=..." (request events) or "level=info event=api_listening address=/run/shoal/shoald.sock".
ApiLog default_api_log();

class Router {
  public:
    using Handler = std::function<Response(const Request&)>;
    // Called exactly once with the answer, from any thread (the server moves it back to
    // its io_context). Dropping every copy without calling it answers 500.
    using Reply = std::function<void(Response)>;
    using AsyncHandler = std::function<void(const Request&, Reply)>;

    explicit Router(ApiLog log = default_api_log());

    // Throws std::invalid_argument on a malformed pattern or a second route with the same
    // method and pattern shape.
    Router& add(boost::beast::http::verb method, std::string pattern, Handler handler);
    Router& add_async(boost::beast::http::verb method, std::string pattern, AsyncHandler handler);

    Router& get(std::string pattern, Handler handler);
    Router& post(std::string pattern, Handler handler);
    Router& put(std::string pattern, Handler handler);
    Router& del(std::string pattern, Handler handler);

    // Routes one request. reply runs before dispatch returns, except for async handlers
    // that answer later.
    void dispatch(boost::beast::http::verb method, std::string_view target, std::string_view body,
                  Reply reply) const;

    // dispatch for callers that want the answer now (tests, plain handlers). Throws
    // std::logic_error when an async handler has not answered by the time it returns.
    Response handle(boost::beast::http::verb method, std::string_view target,
                    std::string_view body = {}) const;

    void report(const ApiLogEvent& event) const;

  private:
    struct Route {
        boost::beast::http::verb method;
        RoutePattern pattern;
        Handler handler;  // exactly one of these is set
        AsyncHandler async_handler;
    };

    Router& add_route(Route route);
    void run_handler(const Route& route, Request request, Reply reply) const;

    ApiLog log_;
    std::vector<Route> routes_;
};

}  // namespace shoal::api
