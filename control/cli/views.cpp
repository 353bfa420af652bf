// SPDX-License-Identifier: MIT
// The views of the answers to drain, undrain, weight, reload, detach, plan, table and stats
// (status has status_view.cpp).
#include "cli/views.h"

#include <fmt/format.h>

#include "cli/format.h"

namespace shoal::cli {

// drain, undrain, weight, reload, detach
using nlohmann::json;

std::string format_server_change(ServerChange change, const json& answer,
                                 std::optional<std::uint64_t> weight) {
    const auto server = text_or_dash(answer, "server");
    const bool changed = bool_field(answer, "changed").value_or(true);
    const auto generation = uint_field(answer, "generation");
    const std::string where =
        generation ? fmt::format(" (generation {})", *generation) : std::string();
    const std::string asked = weight ? std::to_string(*weight) : "?";
    std::string what;
    switch (change) {
        case ServerChange::drain:
            what = changed ? "is draining" : "was already draining";
            break;
        case ServerChange::undrain:
            what = changed ? "is active again" : "was not drained";
            break;
        case ServerChange::set_weight:
            what = changed ? "has manual weight " + asked : "already had manual weight " + asked;
            break;
        case ServerChange::clear_weight:
            what = changed ? "is back to its configured weight" : "had no manual weight";
            break;
    }
    return fmt::format("{} {}{}\n", server, what, where);
}

std::string format_reload(const json& answer) {
    const auto config = string_field(answer, "config");
    return config ? "config reloaded from " + *config + "\n" : "config reloaded\n";
}

std::string format_detach(const json& answer) {
    const auto& detached = array_field(answer, "detached");
    if (detached.empty()) return "nothing was attached; the data plane was not running here\n";
    return fmt::format("detached the XDP program from {}; the data plane is stopped\n",
                       joined(detached));
}

// plan
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

std::string plan_service_section(const json& service) {
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
    for (const auto& service : services) out += "\n" + plan_service_section(service);
    return out;
}

// table
using nlohmann::json;

namespace {

std::string table_service_section(const json& service, bool diff) {
    const auto buckets = uint_field(service, "buckets");
    const auto moved = uint_field(service, "moved");
    std::string out =
        fmt::format("service {} (id {}): {} buckets", text_or_dash(service, "service"),
                    text_or_dash(service, "id"), text_or_dash(service, "buckets"));
    if (diff && moved) {
        out += fmt::format(", {} moved", *moved);
        if (buckets && *buckets > 0)
            out += fmt::format(" ({})", format_percent(static_cast<double>(*moved) / *buckets));
    }
    out += "\n";

    std::vector<Column> columns{
        {"SERVER"}, {"INDEX", Align::right}, {"BUCKETS", Align::right}, {"SHARE", Align::right}};
    if (diff) {
        columns.push_back({"BEFORE", Align::right});
        columns.push_back({"DELTA", Align::right});
    }
    TextTable table(std::move(columns));
    for (const auto& server : array_field(service, "servers")) {
        const auto count = uint_field(server, "buckets");
        std::vector<std::string> row{text_or_dash(server, "name"), text_or_dash(server, "index"),
                                     text_or_dash(server, "buckets"),
                                     count && buckets && *buckets > 0
                                         ? format_percent(static_cast<double>(*count) / *buckets)
                                         : "-"};
        if (diff) {
            const auto delta = int_field(server, "delta");
            row.push_back(text_or_dash(server, "before"));
            row.push_back(delta ? format_delta(*delta) : "-");
        }
        table.add_row(std::move(row));
    }
    return out + table.render();
}

}  // namespace

std::string format_table(const json& table) {
    const auto diff_generation = uint_field(table, "diff_generation");
    std::string out = fmt::format("generation {}", text_or_dash(table, "generation"));
    if (diff_generation) out += fmt::format(", compared with generation {}", *diff_generation);
    out += "\n";
    const auto& services = array_field(table, "services");
    if (services.empty()) return out + "no services\n";
    for (const auto& service : services)
        out += "\n" + table_service_section(service, diff_generation.has_value());
    return out;
}

// stats
using nlohmann::json;

namespace {

std::string counters_table(const json& counters) {
    if (counters.empty()) return "no packets counted\n";
    TextTable table({{"COUNTER"}, {"PACKETS", Align::right}, {"BYTES", Align::right}});
    for (const auto& [name, value] : counters.items()) {
        const auto packets = uint_field(value, "packets");
        const auto bytes = uint_field(value, "bytes");
        table.add_row(
            {name, packets ? format_count(*packets) : "-", bytes ? format_bytes(*bytes) : "-"});
    }
    return table.render();
}

}  // namespace

std::string format_stats(const json& stats) {
    std::string out = fmt::format("agent {}\n", text_or_dash(stats, "server"));
    for (const auto& service : array_field(stats, "services")) {
        out += fmt::format("\nservice {} (id {})\n", text_or_dash(service, "service"),
                           text_or_dash(service, "id"));
        out += counters_table(object_field(service, "counters"));
    }
    out += "\nno service\n" + counters_table(object_field(stats, "no_service"));
    const auto& servers = array_field(stats, "servers");
    if (!servers.empty()) {
        TextTable table({{"SERVER"},
                         {"INDEX", Align::right},
                         {"PACKETS", Align::right},
                         {"BYTES", Align::right}});
        for (const auto& server : servers) {
            const auto packets = uint_field(server, "packets");
            const auto bytes = uint_field(server, "bytes");
            table.add_row({text_or_dash(server, "name"), text_or_dash(server, "index"),
                           packets ? format_count(*packets) : "-",
                           bytes ? format_bytes(*bytes) : "-"});
        }
        out += "\nforwarded per server\n" + table.render();
    }
    return out;
}

}  // namespace shoal::cli
