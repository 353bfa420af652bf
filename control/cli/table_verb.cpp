// SPDX-License-Identifier: MIT
// shoalctl table [--service S] [--diff GEN]
#include <fmt/format.h>

#include <memory>

#include "api/url_codec.h"
#include "cli/table_view.h"
#include "cli/verbs.h"

namespace shoal::cli {

namespace {

struct TableOptions {
    std::string service;
    std::uint64_t diff = 0;
    CLI::Option* diff_given = nullptr;
};

}  // namespace

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

}  // namespace shoal::cli
