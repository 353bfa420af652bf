// SPDX-License-Identifier: MIT
// What every verb shares: where the daemon listens, the output format, the request timeout
// and whether to follow the cluster leader; the client built from them; turning an answer
// into JSON or an error; printing.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/api_client.h"
#include "cli/leader_following_client.h"

namespace shoal::cli {

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
