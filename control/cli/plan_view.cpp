// SPDX-License-Identifier: MIT
#include "cli/plan_view.h"

#include <fmt/format.h>

#include "cli/human_units.h"
#include "cli/json_fields.h"
#include "cli/text_table.h"

namespace shoal::cli {

using nlohmann::json;

namespace {

// The load entry for a server, matched by name, or an empty object.
const json& load_of(const json& loads, const json& server) {
    static const json none = json::object();
    const auto name = string_field(server, "name");
    for (const auto& load : loads) {
        if (name && string_field(load, "name") == name) return load;
    }
    return none;
}

std::string service_section(const json& service) {
    const auto& servers = array_field(service, "servers");
    const auto& loads = array_field(service, "load");
    std::uint64_t total = 0;
    for (const auto& server : servers) total += uint_field(server, "before").value_or(0);
    const auto moved = uint_field(service, "moved");
    const auto optimal = uint_field(service, "optimal_moved");
    std::string out = fmt::format("service {}: ", text_or_dash(service, "service"));
    if (moved && total > 0)
        out += fmt::format("{} of {} buckets move ({})", *moved, total,
                           format_percent(static_cast<double>(*moved) / total));
    else
        out += fmt::format("{} buckets move", text_or_dash(service, "moved"));
    if (optimal) out += fmt::format(", the optimum is {}", *optimal);
    out += "\n";

    TextTable table({{"SERVER"},
                     {"BEFORE", Align::right},
                     {"AFTER", Align::right},
                     {"TARGET", Align::right},
                     {"CHANGE", Align::right},
                     {"LOAD", Align::right},
                     {"PROJECTED", Align::right}});
    for (const auto& server : servers) {
        const auto before = int_field(server, "before");
        const auto after = int_field(server, "after");
        const auto& load = load_of(loads, server);
        const auto current = number_field(load, "current");
        const auto projected = number_field(load, "projected");
        table.add_row({text_or_dash(server, "name"), text_or_dash(server, "before"),
                       text_or_dash(server, "after"), text_or_dash(server, "target"),
                       before && after ? format_delta(*after - *before) : "-",
                       current ? format_percent(*current) : "-",
                       projected ? format_percent(*projected) : "-"});
    }
    return out + table.render();
}

}  // namespace

std::string format_plan(const json& plan) {
    std::string out = fmt::format("plan: {} (nothing applied)\n", text_or_dash(plan, "change"));
    const auto& services = array_field(plan, "services");
    if (services.empty()) return out + "no service is affected\n";
    for (const auto& service : services) out += "\n" + service_section(service);
    return out;
}

}  // namespace shoal::cli
