// SPDX-License-Identifier: MIT
// The verbs, each declaring its options on its CLI11 subcommand and returning its run.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "api/url_codec.h"
#include "base/duration.h"
#include "cli/drain_wait.h"
#include "cli/format.h"
#include "cli/shoalctl.h"
#include "cli/views.h"

namespace shoal::cli {

namespace {

// Each verb's options, declared on its subcommand.
struct DrainOptions {
    std::string server;
    bool wait = false;
    std::string timeout = "5m";
    std::string interval = "1s";
};

struct UndrainOptions {
    std::string server;
};

struct WeightOptions {
    std::string server;
    std::uint64_t weight = 0;
    CLI::Option* weight_given = nullptr;
    bool clear = false;
};

struct PlanOptions {
    std::string change;
    std::string server;
    std::uint64_t weight = 0;
    CLI::Option* weight_given = nullptr;
};

struct TableOptions {
    std::string service;
    std::uint64_t diff = 0;
    CLI::Option* diff_given = nullptr;
};

}  // namespace

// shoalctl status
VerbRun declare_status(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        const auto answer = answer_or_throw(global.client().get("/v1/status"));
        print_answer(global, answer, format_status);
    };
}

// shoalctl drain NAME [--wait] [--timeout D] [--interval D], undrain NAME,
// weight NAME W | weight NAME --clear
namespace {

std::chrono::milliseconds duration_of(const std::string& text, std::string_view option) {
    const auto value = parse_duration(text);
    if (!value)
        throw UsageError(fmt::format("{} {}: expected a duration like 30s or 2m", option, text));
    return *value;
}

// Polls the daemon the drain went to: the leader, when the first conductor asked follows.
void wait_and_report(const DrainOptions& options, const GlobalOptions& global,
                     LeaderFollowingClient& client) {
    DrainWaitSettings settings;
    settings.server = options.server;
    settings.timeout = duration_of(options.timeout, "--timeout");
    settings.interval = duration_of(options.interval, "--interval");
    if (settings.interval.count() == 0) throw UsageError("--interval must be above 0");
    settings.terminal = ::isatty(STDOUT_FILENO) == 1;
    settings.quiet = global.json();
    const auto result = wait_for_drain(
        settings, [&] { return answer_or_throw(client.get("/v1/status")); }, std::cout);
    if (global.json())
        std::cout << result.server.dump(2) << "\n";
    else if (result.drained)
        std::cout << fmt::format("{} is drained: no established connections left ({})\n",
                                 options.server, format_elapsed(result.elapsed));
    std::cout.flush();
    if (!result.drained)
        throw CommandError(fmt::format(
            "timed out after {} with {} left; {} stays drained", format_duration(settings.timeout),
            result.remaining ? connection_count(*result.remaining)
                             : std::string("no connection count reported"),
            options.server));
}

}  // namespace

VerbRun declare_drain(CLI::App& command, const GlobalOptions& global) {
    auto options = std::make_shared<DrainOptions>();
    command.add_option("NAME", options->server, "the server to drain")->required();
    command.add_flag("--wait", options->wait,
                     "wait until the server holds no established connections");
    command.add_option("--timeout", options->timeout, "how long --wait waits")
        ->check(duration_check())
        ->capture_default_str();
    command.add_option("--interval", options->interval, "how often --wait polls shoald")
        ->check(duration_check())
        ->capture_default_str();
    return [options, &global] {
        auto client = global.client();
        const auto answer = answer_or_throw(client.post(server_path(options->server, "drain")));
        if (!options->wait) {
            print_answer(global, answer, [](const nlohmann::json& a) {
                return format_server_change(ServerChange::drain, a);
            });
            return;
        }
        if (!global.json())
            std::cout << format_server_change(ServerChange::drain, answer) << std::flush;
        wait_and_report(*options, global, client);
    };
}

VerbRun declare_undrain(CLI::App& command, const GlobalOptions& global) {
    auto options = std::make_shared<UndrainOptions>();
    command.add_option("NAME", options->server, "the server to put back")->required();
    return [options, &global] {
        const auto answer =
            answer_or_throw(global.client().post(server_path(options->server, "undrain")));
        print_answer(global, answer, [](const nlohmann::json& a) {
            return format_server_change(ServerChange::undrain, a);
        });
    };
}

VerbRun declare_weight(CLI::App& command, const GlobalOptions& global) {
    auto options = std::make_shared<WeightOptions>();
    command.add_option("NAME", options->server, "the server")->required();
    options->weight_given =
        command.add_option("W", options->weight, "the manual weight (0 or more)");
    command.add_flag("--clear", options->clear, "go back to the weight from the config")
        ->excludes(options->weight_given);
    return [options, &global] {
        const bool set = options->weight_given->count() > 0;
        if (!set && !options->clear)
            throw UsageError("give a weight W, or --clear to go back to the configured one");
        auto client = global.client();
        const auto path = server_path(options->server, "weight");
        if (options->clear) {
            const auto answer = answer_or_throw(client.del(path));
            print_answer(global, answer, [](const nlohmann::json& a) {
                return format_server_change(ServerChange::clear_weight, a);
            });
            return;
        }
        const auto answer = answer_or_throw(client.put(path, {{"weight", options->weight}}));
        print_answer(global, answer, [&](const nlohmann::json& a) {
            return format_server_change(ServerChange::set_weight, a, options->weight);
        });
    };
}

// shoalctl plan drain|undrain NAME, plan weight NAME W
VerbRun declare_plan(CLI::App& command, const GlobalOptions& global) {
    auto options = std::make_shared<PlanOptions>();
    command.add_option("CHANGE", options->change, "drain, undrain or weight")
        ->required()
        ->check(CLI::IsMember({"drain", "undrain", "weight"}));
    command.add_option("NAME", options->server, "the server")->required();
    options->weight_given = command.add_option("W", options->weight, "the weight (plan weight)");
    return [options, &global] {
        const bool has_weight = options->weight_given->count() > 0;
        if (options->change == "weight" && !has_weight)
            throw UsageError("plan weight needs the weight: plan weight NAME W");
        if (options->change != "weight" && has_weight)
            throw UsageError("only plan weight takes a weight");
        nlohmann::json body{{"change", options->change}, {"server", options->server}};
        if (has_weight) body["weight"] = options->weight;
        const auto answer = answer_or_throw(global.client().post("/v1/plan", body));
        print_answer(global, answer, format_plan);
    };
}

// shoalctl table [--service S] [--diff GEN]
VerbRun declare_table(CLI::App& command, const GlobalOptions& global) {
    auto options = std::make_shared<TableOptions>();
    command.add_option("--service", options->service, "only this service");
    options->diff_given = command.add_option("--diff", options->diff,
                                             "compare with this earlier (retained) generation");
    return [options, &global] {
        std::string target = "/v1/table";
        char separator = '?';
        if (!options->service.empty()) {
            target += fmt::format("{}service={}", separator, api::percent_encode(options->service));
            separator = '&';
        }
        if (options->diff_given->count() > 0)
            target += fmt::format("{}diff={}", separator, options->diff);
        const auto answer = answer_or_throw(global.client().get(target));
        print_answer(global, answer, format_table);
    };
}

// shoalctl stats
VerbRun declare_stats(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        const auto answer = answer_or_throw(global.client().get("/v1/stats"));
        print_answer(global, answer, format_stats);
    };
}

// shoalctl reload, shoalctl detach
VerbRun declare_reload(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        const auto answer = answer_or_throw(global.client().post("/v1/reload"),
                                            "the new config was refused; the old one stays live");
        print_answer(global, answer, format_reload);
    };
}

VerbRun declare_detach(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        const auto answer = answer_or_throw(global.client().post("/v1/detach"));
        print_answer(global, answer, format_detach);
    };
}

}  // namespace shoal::cli
