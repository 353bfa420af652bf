// SPDX-License-Identifier: MIT
// How shoalctl reaches shoald: the global options every verb shares, the client built from
// them (following the cluster leader), and turning an answer into JSON, an error or text.
#pragma once

#include <CLI/CLI.hpp>
#include <boost/beast/http/verb.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "api/api_client.h"

namespace shoal::cli {

// The client every verb talks through. In cluster mode a follower conductor refuses operator
// commands with 409 and names the leader; unless --no-follow, the same request goes once more
// to the leader's TCP control address, and every later request of this run (the polls of
// `drain --wait`) goes there too. One hop at most: a leader that refuses as well is an error.

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

// What every verb shares: where the daemon listens, the output format, the request timeout
// and whether to follow the cluster leader; the client built from them; turning an answer
// into JSON or an error; printing.

inline constexpr std::string_view kDefaultSocket = "/run/shoal/shoald.sock";

struct GlobalOptions {
    std::string socket{kDefaultSocket};  // SHOAL_SOCKET overrides the default
    std::string host;                    // HOST:PORT; when set, used instead of the socket
    std::string output = "table";        // table | json
    std::string timeout = "10s";         // per request
    bool no_follow = false;              // show a follower's 409 instead of asking the leader

    bool json() const noexcept { return output == "json"; }
    // Follows the leader a follower conductor names unless --no-follow; notices on stderr.
    LeaderFollowingClient client() const;
};

// Declares --socket, --host, -o/--output, --timeout and --no-follow on the top-level app.
void add_global_options(CLI::App& app, GlobalOptions& global);

// A CLI11 check accepting "30s", "2m", "500ms", "1m30s".
CLI::Validator duration_check();

// The body of a 2xx answer. Otherwise throws CommandError with the daemon's message and
// the status: "unknown server srv9 (HTTP 404 Not Found)"; a multi-line message is listed
// below refusal ("the new config was refused (HTTP 409 Conflict):\n  line\n  line").
nlohmann::json answer_or_throw(const api::ApiResult& result, std::string_view refusal = {});

// The answer pretty-printed as JSON with -o json, else human(answer).
void print_answer(const GlobalOptions& global, const nlohmann::json& answer,
                  const std::function<std::string(const nlohmann::json&)>& human);

}  // namespace shoal::cli
