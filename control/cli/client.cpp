// SPDX-License-Identifier: MIT
#include "cli/client.h"

#include <fmt/format.h>

#include <boost/beast/http/status.hpp>
#include <iostream>
#include <utility>

#include "base/duration.h"
#include "base/ip_address.h"
#include "cli/shoalctl.h"

namespace shoal::cli {

namespace http = boost::beast::http;

namespace {

constexpr unsigned kConflict = 409;

std::string leader_name(const nlohmann::json& leader) {
    const auto name = leader.find("name");
    return name != leader.end() && name->is_string() ? name->get<std::string>() : "the leader";
}

// "conductor@ctl-1/811 at /run/shoal/shoald.sock", or the address alone when unnamed.
std::string who_refused(const NotLeaderAnswer& answer, const api::ApiAddress& asked) {
    if (answer.conductor.empty()) return asked.describe();
    return fmt::format("{} at {}", answer.conductor, asked.describe());
}

}  // namespace

std::optional<NotLeaderAnswer> not_leader_answer(const api::ApiResult& result) {
    if (result.status != kConflict || !result.body.is_object()) return std::nullopt;
    const auto leader = result.body.find("leader");
    if (leader == result.body.end()) return std::nullopt;
    NotLeaderAnswer answer;
    answer.leader = *leader;
    if (const auto conductor = result.body.find("conductor");
        conductor != result.body.end() && conductor->is_string())
        answer.conductor = conductor->get<std::string>();
    return answer;
}

std::optional<api::ApiAddress> leader_tcp_address(const nlohmann::json& leader) {
    if (!leader.is_object()) return std::nullopt;
    const auto tcp = leader.find("tcp");
    if (tcp == leader.end() || !tcp->is_string()) return std::nullopt;
    try {
        auto address = api::ApiAddress::tcp(tcp->get<std::string>());
        // A conductor listening on every address names the wildcard; from another host
        // that would reach this one, not the leader.
        if (const auto ip = parse_ip(address.host); ip && ip->is_unspecified()) return std::nullopt;
        return address;
    } catch (const api::ApiClientError&) {
        return std::nullopt;
    }
}

LeaderFollowingClient::LeaderFollowingClient(api::ApiClient client, bool follow_leader,
                                             std::ostream& notices)
    : client_(std::move(client)), follow_leader_(follow_leader), notices_(notices) {}

api::ApiResult LeaderFollowingClient::get(std::string_view target) {
    return request(http::verb::get, target, std::nullopt);
}

api::ApiResult LeaderFollowingClient::post(std::string_view target,
                                           const std::optional<nlohmann::json>& body) {
    return request(http::verb::post, target, body);
}

api::ApiResult LeaderFollowingClient::put(std::string_view target, const nlohmann::json& body) {
    return request(http::verb::put, target, body);
}

api::ApiResult LeaderFollowingClient::del(std::string_view target) {
    return request(http::verb::delete_, target, std::nullopt);
}

api::ApiResult LeaderFollowingClient::request(http::verb method, std::string_view target,
                                              const std::optional<nlohmann::json>& body) {
    auto first = client_.request(method, target, body);
    if (!follow_leader_) return first;
    const auto refusal = not_leader_answer(first);
    if (!refusal) return first;
    // No address to follow: the follower's own message (naming the leader, or saying an
    // election is under way) is the answer.
    const auto leader = leader_tcp_address(refusal->leader);
    if (!leader) return first;

    const std::string follower =
        refusal->conductor.empty() ? client_.address().describe() : refusal->conductor;
    notices_ << fmt::format("shoalctl: {} does not lead; sending to leader {} at {}\n", follower,
                            leader_name(refusal->leader), leader->describe())
             << std::flush;
    api::ApiClient leader_client(*leader, client_.timeout());
    auto second = leader_client.request(method, target, body);
    if (const auto again = not_leader_answer(second)) {
        // The leadership moved between the two answers: stop rather than chase it.
        throw CommandError(fmt::format(
            "neither conductor leads, so nothing was changed; retry in a moment (HTTP 409 "
            "Conflict):\n  {}: {}\n  {}: {}",
            who_refused(*refusal, client_.address()), first.error_message(),
            who_refused(*again, leader_client.address()), second.error_message()));
    }
    client_ = std::move(leader_client);
    follow_leader_ = false;
    return second;
}

LeaderFollowingClient GlobalOptions::client() const {
    const auto request_timeout = parse_duration(timeout);
    if (!request_timeout || request_timeout->count() == 0)
        throw UsageError(fmt::format("--timeout {}: expected a duration above 0", timeout));
    auto address = host.empty() ? api::ApiAddress::unix_socket(socket) : api::ApiAddress::tcp(host);
    return LeaderFollowingClient(api::ApiClient(std::move(address), *request_timeout), !no_follow,
                                 std::cerr);
}

CLI::Validator duration_check() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            if (parse_duration(text)) return {};
            return fmt::format("expected a duration like 30s, 2m, 500ms or 1m30s, got \"{}\"",
                               text);
        },
        "DURATION");
}

void add_global_options(CLI::App& app, GlobalOptions& global) {
    app.add_option("--socket", global.socket, "shoald's control socket")
        ->envname("SHOAL_SOCKET")
        ->capture_default_str();
    app.add_option("--host", global.host,
                   "HOST:PORT of shoald's TCP control address (instead of the socket)");
    app.add_option("-o,--output", global.output, "output format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.add_option("--timeout,--request-timeout", global.timeout,
                   "how long one request may take (after `drain`, --timeout is the wait "
                   "deadline; use --request-timeout there)")
        ->check(duration_check())
        ->capture_default_str();
    app.add_flag("--no-follow", global.no_follow,
                 "when a follower conductor refuses (409, naming the leader), fail with its "
                 "answer instead of sending the request on to the leader");
}

nlohmann::json answer_or_throw(const api::ApiResult& result, std::string_view refusal) {
    if (result.ok()) return result.body;
    const auto reason =
        boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(result.status));
    const std::string status =
        fmt::format("HTTP {} {}", result.status, std::string_view(reason.data(), reason.size()));
    const std::string message = result.error_message();
    if (message.find('\n') == std::string::npos) {
        if (refusal.empty()) throw CommandError(fmt::format("{} ({})", message, status));
        throw CommandError(fmt::format("{}: {} ({})", refusal, message, status));
    }
    std::string listed;
    std::string_view rest = message;
    while (!rest.empty()) {
        const auto newline = rest.find('\n');
        const auto line = rest.substr(0, newline);
        if (!line.empty()) listed += fmt::format("\n  {}", line);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
    }
    throw CommandError(
        fmt::format("{} ({}):{}", refusal.empty() ? "refused" : refusal, status, listed));
}

void print_answer(const GlobalOptions& global, const nlohmann::json& answer,
                  const std::function<std::string(const nlohmann::json&)>& human) {
    if (global.json())
        std::cout << answer.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else
        std::cout << human(answer);
    std::cout.flush();
}

}  // namespace shoal::cli
