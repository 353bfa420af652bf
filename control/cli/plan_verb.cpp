// SPDX-License-Identifier: MIT
// shoalctl plan drain|undrain NAME, plan weight NAME W
#include <memory>

#include "cli/cli_errors.h"
#include "cli/plan_view.h"
#include "cli/verbs.h"

namespace shoal::cli {

namespace {

struct PlanOptions {
    std::string change;
    std::string server;
    std::uint64_t weight = 0;
    CLI::Option* weight_given = nullptr;
};

}  // namespace

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

}  // namespace shoal::cli
