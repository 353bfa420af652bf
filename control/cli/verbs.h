// SPDX-License-Identifier: MIT
// shoalctl's verbs as a table of CLI11 subcommands. Each verb declares its own options
// struct on its subcommand and returns what runs it once the command line is parsed.
// A run throws UsageError (exit 2), CommandError or api::ApiClientError (exit 1).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string_view>
#include <vector>

#include "cli/global_options.h"

namespace shoal::cli {

using VerbRun = std::function<void()>;

struct Verb {
    std::string_view name;
    std::string_view summary;
    VerbRun (*declare)(CLI::App& command, const GlobalOptions& global);
};

const std::vector<Verb>& verb_table();

VerbRun declare_status(CLI::App& command, const GlobalOptions& global);
VerbRun declare_drain(CLI::App& command, const GlobalOptions& global);
VerbRun declare_undrain(CLI::App& command, const GlobalOptions& global);
VerbRun declare_weight(CLI::App& command, const GlobalOptions& global);
VerbRun declare_plan(CLI::App& command, const GlobalOptions& global);
VerbRun declare_table(CLI::App& command, const GlobalOptions& global);
VerbRun declare_stats(CLI::App& command, const GlobalOptions& global);
VerbRun declare_reload(CLI::App& command, const GlobalOptions& global);
VerbRun declare_detach(CLI::App& command, const GlobalOptions& global);
VerbRun declare_version(CLI::App& command, const GlobalOptions& global);

// "/v1/servers/srv%202/drain": the server name percent-encoded into a path.
std::string server_path(std::string_view name, std::string_view action);

}  // namespace shoal::cli
