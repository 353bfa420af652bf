// SPDX-License-Identifier: MIT
#include "cli/leader_following_client.h"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <utility>

#include "cli/cli_errors.h"

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
        boost::system::error_code not_an_ip;
        const auto ip = boost::asio::ip::make_address(address.host, not_an_ip);
        if (!not_an_ip && ip.is_unspecified()) return std::nullopt;
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

}  // namespace shoal::cli
