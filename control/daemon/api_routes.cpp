// SPDX-License-Identifier: MIT
#include "daemon/api_routes.h"

#include "api/api_server.h"
#include "api/response.h"
#include "base/asio_endpoint.h"
#include "config/config_error.h"
#include "daemon/daemon.h"
#include "state/operator_state.h"
#include "store/store_error.h"

namespace shoal::daemon {
namespace {

namespace http = boost::beast::http;
using api::Request;
using api::Response;

nlohmann::json result_json(const OperatorResult& r) {
    return {{"server", r.server}, {"changed", r.changed}, {"generation", r.generation}};
}

// Runs `body`, turning the roles' errors into the API's statuses.
template <class F>
Response answer(F&& body) {
    try {
        return api::ok(body());
    } catch (const store::NotLeaderError& e) {
        throw api::ApiError(http::status::conflict, e.what(), e.fields());
    } catch (const OperatorError& e) {
        auto status = e.kind() == OperatorError::Kind::not_found ? http::status::not_found
                      : e.kind() == OperatorError::Kind::refused ? http::status::conflict
                                                                 : http::status::bad_request;
        throw api::ApiError(status, e.what());
    } catch (const config::ConfigError& e) {
        throw api::ApiError(http::status::conflict, e.what());  // one problem per line
    } catch (const state::StateError& e) {
        throw api::ApiError(http::status::bad_request, e.what());
    }
}

Conductor& conductor(Daemon& d) {
    if (!d.conductor())
        throw api::ApiError(
            http::status::service_unavailable,
            "this shoald does not run the conductor role; ask the conductor's socket");
    return *d.conductor();
}

Agent& agent(Daemon& d) {
    if (!d.agent())
        throw api::ApiError(http::status::service_unavailable,
                            "this shoald does not run the agent role; ask a server's shoald");
    return *d.agent();
}

std::uint32_t weight_from(const Request& r) {
    const auto& body = r.body_object();
    if (!body.contains("weight") || !body["weight"].is_number_unsigned())
        throw api::ApiError(http::status::bad_request,
                            "body needs {\"weight\": a whole number >= 0}");
    return body["weight"].get<std::uint32_t>();
}

}  // namespace

api::Router make_router(Daemon& d) {
    api::Router router;
    router.get("/v1/status", [&d](const Request&) { return answer([&] { return d.status(); }); });
    router.post("/v1/servers/{name}/drain", [&d](const Request& r) {
        return answer([&] { return result_json(conductor(d).drain(r.param("name"))); });
    });
    router.post("/v1/servers/{name}/undrain", [&d](const Request& r) {
        return answer([&] { return result_json(conductor(d).undrain(r.param("name"))); });
    });
    router.put("/v1/servers/{name}/weight", [&d](const Request& r) {
        return answer(
            [&] { return result_json(conductor(d).set_weight(r.param("name"), weight_from(r))); });
    });
    router.del("/v1/servers/{name}/weight", [&d](const Request& r) {
        return answer([&] { return result_json(conductor(d).clear_weight(r.param("name"))); });
    });
    router.post("/v1/plan", [&d](const Request& r) {
        return answer([&] { return conductor(d).plan(r.body_object()); });
    });
    router.get("/v1/table", [&d](const Request& r) {
        return answer(
            [&] { return conductor(d).table(r.query_value("service"), r.query_u64("diff")); });
    });
    router.get("/v1/stats",
               [&d](const Request&) { return answer([&] { return agent(d).stats(); }); });
    router.post("/v1/reload", [&d](const Request&) { return answer([&] { return d.reload(); }); });
    router.post("/v1/detach", [&d](const Request&) {
        return answer([&] {
            agent(d);
            return d.detach();
        });
    });
    return router;
}

std::unique_ptr<api::ApiServer> make_api_server(boost::asio::io_context& io, Daemon& d) {
    auto server = std::make_unique<api::ApiServer>(io, make_router(d));
    const auto& control = d.config().control;
    server->listen_unix(control.socket);
    if (control.tcp) server->listen_tcp(to_tcp(*control.tcp));
    return server;
}

}  // namespace shoal::daemon
