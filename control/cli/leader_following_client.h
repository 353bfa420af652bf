// SPDX-License-Identifier: MIT
// The client every verb talks through. In cluster mode a follower conductor refuses operator
// commands with 409 and names the leader; unless --no-follow, the same request goes once more
// to the leader's TCP control address, and every later request of this run (the polls of
// `drain --wait`) goes there too. One hop at most: a leader that refuses as well is an error.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "api/api_client.h"

namespace shoal::cli {

// What a follower's 409 says besides its message (docs/api.md).
struct NotLeaderAnswer {
    std::string conductor;  // the conductor that refused, when it named itself
    nlohmann::json leader;  // {"name", "socket", "tcp"}; null while an election is under way
};

// The follower's refusal in `result`: a 409 whose body has a "leader" field.
std::optional<NotLeaderAnswer> not_leader_answer(const api::ApiResult& result);

// Where shoalctl can reach `leader` from this host: its "tcp" address, unless it has none
// (only a Unix socket on its own host), it is malformed, or it is a wildcard (0.0.0.0, ::).
std::optional<api::ApiAddress> leader_tcp_address(const nlohmann::json& leader);

class LeaderFollowingClient {
  public:
    // `notices` gets the line saying a request was sent on to the leader.
    LeaderFollowingClient(api::ApiClient client, bool follow_leader, std::ostream& notices);

    api::ApiResult get(std::string_view target);
    api::ApiResult post(std::string_view target,
                        const std::optional<nlohmann::json>& body = std::nullopt);
    api::ApiResult put(std::string_view target, const nlohmann::json& body);
    api::ApiResult del(std::string_view target);

    // The daemon asked now: the one named on the command line, or the leader once followed.
    const api::ApiAddress& address() const noexcept { return client_.address(); }

  private:
    api::ApiResult request(boost::beast::http::verb method, std::string_view target,
                           const std::optional<nlohmann::json>& body);

    api::ApiClient client_;
    bool follow_leader_;  // cleared once followed: one hop per run
    std::ostream& notices_;
};

}  // namespace shoal::cli
