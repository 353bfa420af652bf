// SPDX-License-Identifier: MIT
#include "cli/global_options.h"

#include <fmt/format.h>

#include <boost/beast/http/status.hpp>
#include <iostream>

#include "cli/cli_errors.h"
#include "cli/duration.h"

namespace shoal::cli {

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
