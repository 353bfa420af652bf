// SPDX-License-Identifier: MIT
#include "api/router.h"

#include <fmt/format.h>

#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

#include "api/response.h"
#include "log/logger.h"

namespace shoal::api {

namespace http = boost::beast::http;

namespace {

std::string method_name(http::verb method) {
    const auto name = http::to_string(method);
    return std::string(name.data(), name.size());
}

// Turns whatever a handler threw into the answer, logging what is the server's fault.
Response answer_for_exception(std::exception_ptr error, const Request& request,
                              const Router& router) {
    auto report = [&](LogLevel level, unsigned status, const std::string& message) {
        router.report({level, "api_handler_failed", "", method_name(request.method), request.target,
                       status, message});
    };
    try {
        std::rethrow_exception(error);
    } catch (const ApiError& e) {
        const auto status = static_cast<unsigned>(e.status());
        report(status >= 500 ? LogLevel::warn : LogLevel::debug, status, e.what());
        return error_response(e.status(), e.what(), e.fields());
    } catch (const std::exception& e) {
        report(LogLevel::error, 500, e.what());
        return error_response(http::status::internal_server_error, e.what());
    } catch (...) {
        const std::string message = "handler threw a non-standard exception";
        report(LogLevel::error, 500, message);
        return error_response(http::status::internal_server_error, message);
    }
}

// The Reply an async handler gets: answers once, and 500 if the handler drops it.
class ReplyOnce {
  public:
    ReplyOnce(Router::Reply reply, const Router& router, const Request& request)
        : reply_(std::move(reply)),
          router_(router),
          method_(method_name(request.method)),
          target_(request.target) {}
    ~ReplyOnce() {
        if (answered_.load()) return;
        const std::string message = "handler finished without answering";
        router_.report({LogLevel::error, "api_handler_failed", "", method_, target_, 500, message});
        reply_(error_response(http::status::internal_server_error, message));
    }
    ReplyOnce(const ReplyOnce&) = delete;
    ReplyOnce& operator=(const ReplyOnce&) = delete;

    void answer(Response response) {
        if (answered_.exchange(true)) {
            router_.report({LogLevel::error, "api_handler_answered_twice", "", method_, target_,
                            static_cast<unsigned>(response.status), ""});
            return;
        }
        reply_(std::move(response));
    }
    bool answered() const { return answered_.load(); }

  private:
    Router::Reply reply_;
    const Router& router_;
    std::string method_;
    std::string target_;
    std::atomic<bool> answered_{false};
};

}  // namespace

Router::Router(ApiLog log) : log_(log ? std::move(log) : default_api_log()) {}

Router& Router::add(http::verb method, std::string pattern, Handler handler) {
    if (!handler) throw std::invalid_argument("route " + pattern + ": empty handler");
    return add_route({method, RoutePattern(std::move(pattern)), std::move(handler), {}});
}

Router& Router::add_async(http::verb method, std::string pattern, AsyncHandler handler) {
    if (!handler) throw std::invalid_argument("route " + pattern + ": empty handler");
    return add_route({method, RoutePattern(std::move(pattern)), {}, std::move(handler)});
}

Router& Router::get(std::string pattern, Handler handler) {
    return add(http::verb::get, std::move(pattern), std::move(handler));
}

Router& Router::post(std::string pattern, Handler handler) {
    return add(http::verb::post, std::move(pattern), std::move(handler));
}

Router& Router::put(std::string pattern, Handler handler) {
    return add(http::verb::put, std::move(pattern), std::move(handler));
}

Router& Router::del(std::string pattern, Handler handler) {
    return add(http::verb::delete_, std::move(pattern), std::move(handler));
}

Router& Router::add_route(Route route) {
    for (const auto& existing : routes_) {
        if (existing.method == route.method && existing.pattern.same_shape(route.pattern))
            throw std::invalid_argument(fmt::format(
                "route {} {} clashes with {} {}", method_name(route.method), route.pattern.text(),
                method_name(existing.method), existing.pattern.text()));
    }
    routes_.push_back(std::move(route));
    return *this;
}

void Router::report(const ApiLogEvent& event) const { log_(event); }

void Router::dispatch(http::verb method, std::string_view target, std::string_view body,
                      Reply reply) const {
    Request request;
    request.method = method;
    request.target = std::string(target);
    const auto parts = split_target(target);
    request.path = std::string(parts.path);

    const Route* best = nullptr;
    std::set<std::string> allowed;
    try {
        const auto segments = split_path(parts.path);
        for (const auto& route : routes_) {
            ParamMap params;
            if (!route.pattern.match(segments, params)) continue;
            allowed.insert(method_name(route.method));
            if (route.method != method) continue;
            if (!best || route.pattern.literal_count() > best->pattern.literal_count()) {
                best = &route;
                request.params = std::move(params);
            }
        }
        if (!best && allowed.empty())
            throw ApiError::not_found(fmt::format("no such path: {}", parts.path));
        if (!best) {
            auto response =
                error_response(http::status::method_not_allowed,
                               fmt::format("{} does not take {}; use {}", parts.path,
                                           method_name(method), fmt::join(allowed, ", ")));
            response.headers.emplace_back("Allow", fmt::format("{}", fmt::join(allowed, ", ")));
            reply(std::move(response));
            return;
        }
        request.pattern = best->pattern.text();
        request.query = parse_query(parts.query);
        if (body.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            try {
                request.body = nlohmann::json::parse(body);
            } catch (const nlohmann::json::parse_error& e) {
                throw ApiError::bad_request(
                    fmt::format("request body is not valid JSON: {}", e.what()));
            }
        }
    } catch (const ApiError& e) {
        reply(error_response(e.status(), e.what(), e.fields()));
        return;
    }
    run_handler(*best, std::move(request), std::move(reply));
}

void Router::run_handler(const Route& route, Request request, Reply reply) const {
    if (route.handler) {
        Response response;
        try {
            response = route.handler(request);
        } catch (...) {
            response = answer_for_exception(std::current_exception(), request, *this);
        }
        reply(std::move(response));
        return;
    }
    auto once = std::make_shared<ReplyOnce>(std::move(reply), *this, request);
    try {
        route.async_handler(request,
                            [once](Response response) { once->answer(std::move(response)); });
    } catch (...) {
        auto response = answer_for_exception(std::current_exception(), request, *this);
        if (!once->answered()) once->answer(std::move(response));
    }
}

Response Router::handle(http::verb method, std::string_view target, std::string_view body) const {
    // Shared, so an async handler answering after we gave up writes somewhere valid.
    auto answer = std::make_shared<std::optional<Response>>();
    dispatch(method, target, body, [answer](Response response) { *answer = std::move(response); });
    if (!*answer)
        throw std::logic_error(fmt::format("{} {}: the async handler has not answered yet",
                                           method_name(method), target));
    return std::move(**answer);
}

ApiLog default_api_log() {
    return [](const ApiLogEvent& e) {
        auto& logger = log::default_logger();
        const auto level = e.level;
        if (!e.method.empty()) {
            logger.write(level, e.event,
                         {{"method", e.method},
                          {"target", e.target},
                          {"status", e.status},
                          {"error", e.error}});
        } else if (!e.error.empty()) {
            logger.write(level, e.event, {{"address", e.address}, {"error", e.error}});
        } else {
            logger.write(level, e.event, {{"address", e.address}});
        }
    };
}

}  // namespace shoal::api
