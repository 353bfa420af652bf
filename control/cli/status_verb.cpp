// SPDX-License-Identifier: MIT
// shoalctl status
#include "cli/status_view.h"
#include "cli/verbs.h"

namespace shoal::cli {

VerbRun declare_status(CLI::App&, const GlobalOptions& global) {
    return [&global] {
        const auto answer = answer_or_throw(global.client().get("/v1/status"));
        print_answer(global, answer, format_status);
    };
}

}  // namespace shoal::cli
