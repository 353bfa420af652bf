// SPDX-License-Identifier: MIT
#include "canned_daemon.h"

#include <fmt/format.h>

#include <set>

#include "api/response.h"
#include "canned_answers.h"

namespace shoal::test {

using api::ApiError;
using api::Request;
using api::Response;
using nlohmann::json;

struct CannedDaemon::State {
    mutable std::mutex mutex;
    std::uint64_t generation = 42;
    std::set<std::string> drained;
    std::vector<std::uint64_t> countdown{0};
    std::size_t countdown_at = 0;
    std::string reload_problems;
    bool hang = false;
    std::vector<api::Router::Reply> held;  // answers a hung daemon never gives
    std::vector<RecordedRequest> requests;
    int status_polls = 0;
    int undrain_after = -1;
    std::string follower_name;  // set: a follower refusing operator commands
    json leader;

    void record(const Request& request) {
        const auto name = boost::beast::http::to_string(request.method);
        requests.push_back({std::string(name.data(), name.size()), request.target, request.body});
    }

    const std::string& known_server(const Request& request) const {
        const auto& name = request.param("name");
        if (name != "srv1" && name != "srv2" && name != "srv3")
            throw ApiError::not_found("unknown server " + name);
        return name;
    }

    // shoald's not-leader refusal (docs/api.md): the message plus "leader" and "conductor".
    void refuse_unless_leader() const {
        if (follower_name.empty()) return;
        std::string named = "no conductor leads right now (an election is under way)";
        if (leader.is_object()) {
            named = "the leader is " + leader.value("name", std::string("?"));
            if (leader.contains("tcp"))
                named += fmt::format(" (control: {})", leader["tcp"].get<std::string>());
            else if (leader.contains("socket"))
                named += fmt::format(" (control socket {} on its host)",
                                     leader["socket"].get<std::string>());
        }
        throw ApiError(
            boost::beast::http::status::conflict,
            fmt::format("this conductor does not lead; {}: send operator commands there", named),
            {{"leader", leader}, {"conductor", follower_name}});
    }

    json status() {
        if (status_polls == undrain_after) drained.erase("srv2");
        ++status_polls;
        json answer = canned_status();
        answer["generation"] = generation;
        for (auto& server : answer["servers"]) {
            const auto name = server["name"].get<std::string>();
            if (name == "srv3") continue;
            server["state"] = drained.contains(name) ? "draining" : "active";
            if (name == "srv2") {
                server["weight_source"] = "config";
                server["weight"] = 100;
            }
            if (name == "srv2" && drained.contains(name)) {
                server["established"] = countdown[countdown_at];
                countdown_at = std::min(countdown_at + 1, countdown.size() - 1);
            }
        }
        return answer;
    }
};

CannedDaemon::CannedDaemon() : state_(std::make_shared<State>()) {
    server_ = std::make_unique<ServerThread>(make_router());
}

CannedDaemon::~CannedDaemon() {
    // Held replies keep sessions alive: drop them on the server's thread while its
    // io_context still exists (each answers 500 to a client that is long gone).
    server_->run_on_server([this](api::ApiServer&) {
        std::vector<api::Router::Reply> held;
        {
            std::lock_guard lock(state_->mutex);
            held.swap(state_->held);
        }
    });
    server_.reset();
}

std::string CannedDaemon::listen_tcp() {
    std::string address;
    server_->run_on_server([&](api::ApiServer& server) {
        server.listen_tcp({boost::asio::ip::make_address("127.0.0.1"), 0});
        address = fmt::format("127.0.0.1:{}", server.tcp_endpoint()->port());
    });
    return address;
}

void CannedDaemon::set_drain_countdown(std::vector<std::uint64_t> counts) {
    std::lock_guard lock(state_->mutex);
    state_->countdown = std::move(counts);
    state_->countdown_at = 0;
}

void CannedDaemon::undrain_after_polls(int polls) {
    std::lock_guard lock(state_->mutex);
    state_->undrain_after = polls;
}

void CannedDaemon::refuse_reload(std::string problems) {
    std::lock_guard lock(state_->mutex);
    state_->reload_problems = std::move(problems);
}

void CannedDaemon::hang_status() {
    std::lock_guard lock(state_->mutex);
    state_->hang = true;
}

void CannedDaemon::refuse_as_follower(std::string name, nlohmann::json leader) {
    std::lock_guard lock(state_->mutex);
    state_->follower_name = std::move(name);
    state_->leader = std::move(leader);
}

std::vector<RecordedRequest> CannedDaemon::requests() const {
    std::lock_guard lock(state_->mutex);
    return state_->requests;
}

int CannedDaemon::status_polls() const {
    std::lock_guard lock(state_->mutex);
    return state_->status_polls;
}

api::Router CannedDaemon::make_router() {
    auto state = state_;
    api::Router router([](const api::ApiLogEvent&) {});
    auto locked = [state](auto handler) {
        return [state, handler](const Request& request) -> Response {
            std::lock_guard lock(state->mutex);
            state->record(request);
            return handler(*state, request);
        };
    };
    router.add_async(boost::beast::http::verb::get, "/v1/status",
                     [state](const Request& request, api::Router::Reply reply) {
                         std::lock_guard lock(state->mutex);
                         state->record(request);
                         if (state->hang) {
                             state->held.push_back(std::move(reply));
                             return;
                         }
                         reply(api::ok(state->status()));
                     });
    auto change = [](bool drain) {
        return [drain](State& s, const Request& r) {
            s.refuse_unless_leader();
            const auto& name = s.known_server(r);
            const bool changed = drain ? s.drained.insert(name).second : s.drained.erase(name) > 0;
            if (changed) ++s.generation;
            return api::ok({{"server", name}, {"changed", changed}, {"generation", s.generation}});
        };
    };
    router.post("/v1/servers/{name}/drain", locked(change(true)));
    router.post("/v1/servers/{name}/undrain", locked(change(false)));
    router.put(
        "/v1/servers/{name}/weight", locked([](State& s, const Request& r) {
            s.refuse_unless_leader();
            const auto& name = s.known_server(r);
            if (!r.body_object().contains("weight") || !r.body["weight"].is_number_unsigned())
                throw ApiError::bad_request("body: \"weight\" must be a non-negative integer");
            return api::ok({{"server", name}, {"changed", true}, {"generation", ++s.generation}});
        }));
    router.del(
        "/v1/servers/{name}/weight", locked([](State& s, const Request& r) {
            s.refuse_unless_leader();
            const auto& name = s.known_server(r);
            return api::ok({{"server", name}, {"changed", false}, {"generation", s.generation}});
        }));
    router.post("/v1/plan", locked([](State&, const Request& r) {
                    const auto& body = r.body_object();
                    auto plan = canned_plan();
                    plan["change"] = fmt::format("{} {}", body.at("change").get<std::string>(),
                                                 body.at("server").get<std::string>());
                    return api::ok(plan);
                }));
    router.get("/v1/table", locked([](State&, const Request& r) {
                   if (const auto service = r.query_value("service"); service && *service != "web")
                       throw ApiError::not_found("unknown service " + *service);
                   const auto diff = r.query_u64("diff");
                   if (diff && *diff != 41)
                       throw ApiError::not_found(
                           fmt::format("generation {} is no longer retained", *diff));
                   return api::ok(canned_table(diff.has_value()));
               }));
    router.get("/v1/stats", locked([](State&, const Request&) { return api::ok(canned_stats()); }));
    router.post("/v1/reload", locked([](State& s, const Request&) {
                    if (!s.reload_problems.empty()) throw ApiError::conflict(s.reload_problems);
                    return api::ok({{"reloaded", true}, {"config", "/etc/shoal/shoal.json"}});
                }));
    router.post("/v1/detach", locked([](State&, const Request&) {
                    return api::ok({{"detached", {"eth0"}}});
                }));
    return router;
}

}  // namespace shoal::test
