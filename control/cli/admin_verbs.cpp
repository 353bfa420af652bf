// SPDX-License-Identifier: MIT
// shoalctl reload, shoalctl detach
#include "cli/change_view.h"
#include "cli/verbs.h"

namespace shoal::cli {

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
