// SPDX-License-Identifier: MIT
// shoalctl stats
#include "cli/stats_view.h"
#include "cli/verbs.h"

namespace shoal::cli {

VerbRun declare_stats(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        const auto answer = answer_or_throw(global.client().get("/v1/stats"));
        print_answer(global, answer, format_stats);
    };
}

}  // namespace shoal::cli
