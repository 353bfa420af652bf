// SPDX-License-Identifier: MIT
#include "cli/shoalctl.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "api/api_client.h"
#include "api/url_codec.h"
#include "version/version_info.h"

namespace shoal::cli {

namespace {

std::string verb_names() {
    std::string names;
    for (const auto& verb : verb_table()) {
        if (!names.empty()) names += ", ";
        names += verb.name;
    }
    return names;
}

}  // namespace

int run_shoalctl(int argc, char** argv) {
    CLI::App app{"Operate a Shoal load balancer through shoald's control API.", "shoalctl"};
    // At most one verb; "none" is reported below, so an unknown word reads as one
    // ("The following argument was not expected: frob") rather than as a missing verb.
    app.require_subcommand(0, 1);
    // Global options may follow the verb too: `shoalctl status -o json`.
    app.fallthrough();
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return std::string("shoalctl: ") + e.what() + "\nRun with --help for more information.\n";
    });
    GlobalOptions global;
    add_global_options(app, global);
    // Version, git commit and data-plane format on stdout, exit 0 (as `shoalctl version`).
    app.set_version_flag("--version", [] { return version::version_text("shoalctl"); });

    std::vector<std::pair<CLI::App*, VerbRun>> runs;
    for (const auto& verb : verb_table()) {
        auto* command = app.add_subcommand(std::string(verb.name), std::string(verb.summary));
        runs.emplace_back(command, verb.declare(*command, global));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 exits 0 for --help and 1xx for parse errors; usage errors are 2 here.
        return app.exit(e) == 0 ? kExitOk : kExitUsage;
    }

    for (const auto& [command, run] : runs) {
        if (!command->parsed()) continue;
        const std::string verb = command->get_name();
        try {
            run();
            return kExitOk;
        } catch (const UsageError& e) {
            std::cerr << "shoalctl " << verb << ": " << e.what() << "\n"
                      << "Run with --help for more information.\n";
            return kExitUsage;
        } catch (const CommandError& e) {
            std::cerr << "shoalctl " << verb << ": " << e.what() << "\n";
            return kExitError;
        } catch (const api::ApiClientError& e) {
            std::cerr << "shoalctl " << verb << ": " << e.what() << "\n";
            return kExitError;
        }
    }
    std::cerr << "shoalctl: a verb is required (" << verb_names() << ")\n"
              << "Run with --help for more information.\n";
    return kExitUsage;
}

const std::vector<Verb>& verb_table() {
    static const std::vector<Verb> verbs{
        {"status",
         "Show the daemon, its services and servers (state, health, weight, buckets, "
         "load, traffic, established connections)",
         declare_status},
        {"drain", "Drain a server: no new connections go to it, established ones stay",
         declare_drain},
        {"undrain", "Put a drained server back into service", declare_undrain},
        {"weight", "Set a server's manual weight, or clear it with --clear", declare_weight},
        {"plan", "Show what drain, undrain or weight would move, without applying it",
         declare_plan},
        {"table",
         "Show each service's bucket counts per server, or what moved since an "
         "earlier generation",
         declare_table},
        {"stats", "Show this agent's data-plane counters", declare_stats},
        {"reload", "Make shoald re-read its config file (a bad one is refused)", declare_reload},
        {"detach", "Detach the XDP program here and remove its pins: the data plane stops",
         declare_detach},
        {"version", "Show shoalctl's version, git commit and data-plane format (asks no daemon)",
         declare_version},
    };
    return verbs;
}

std::string server_path(std::string_view name, std::string_view action) {
    return fmt::format("/v1/servers/{}/{}", api::percent_encode(name), action);
}

}  // namespace shoal::cli
