// SPDX-License-Identifier: MIT
// shoalctl: its entry point and exit codes, how verbs fail, and the verb table.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "cli/client.h"

namespace shoal::cli {

// shoalctl's command line: global options, the verb table, and exit codes — 0 ok, 1 error
// (the daemon refused, failed, timed out or could not be reached), 2 usage.

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

int run_shoalctl(int argc, char** argv);

// How a verb fails: UsageError (exit 2: the command line is wrong in a way the parser could
// not see) or CommandError (exit 1: the daemon refused, timed out or answered an error).
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class CommandError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// shoalctl's verbs as a table of CLI11 subcommands. Each verb declares its own options
// struct on its subcommand and returns what runs it once the command line is parsed.
// A run throws UsageError (exit 2), CommandError or api::ApiClientError (exit 1).

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
