// SPDX-License-Identifier: MIT
#include "cli/status_view.h"

#include <fmt/format.h>

#include "cli/human_units.h"
#include "cli/json_fields.h"
#include "cli/text_table.h"

namespace shoal::cli {

using nlohmann::json;

namespace {

std::string daemon_lines(const json& status) {
    const auto& daemon = object_field(status, "daemon");
    std::string out = fmt::format("shoald {} ({})", text_or_dash(daemon, "version"),
                                  joined(array_field(daemon, "roles")));
    if (const auto started = string_field(daemon, "started_at")) out += ", started " + *started;
    out += "\n";
    if (const auto config = string_field(daemon, "config")) out += "config " + *config + "\n";
    const auto generation = uint_field(status, "generation");
    out += generation ? fmt::format("generation {}\n", *generation)
                      : "generation none (nothing published yet)\n";
    return out;
}

std::string services_section(const json& services) {
    TextTable table({{"SERVICE"},
                     {"ID", Align::right},
                     {"PROTO"},
                     {"VIPS"},
                     {"PORTS"},
                     {"BUCKETS", Align::right}});
    for (const auto& service : services) {
        table.add_row({text_or_dash(service, "name"), text_or_dash(service, "id"),
                       text_or_dash(service, "protocol"), joined(array_field(service, "vips")),
                       joined(array_field(service, "ports")), text_or_dash(service, "buckets")});
    }
    return table.render();
}

std::string servers_section(const json& servers) {
    TextTable table({{"SERVER"},
                     {"STATE"},
                     {"HEALTH"},
                     {"WEIGHT", Align::right},
                     {"BUCKETS", Align::right},
                     {"LOAD", Align::right},
                     {"PACKETS", Align::right},
                     {"BYTES", Align::right},
                     {"ESTABLISHED", Align::right},
                     {"APPLIED", Align::right}});
    std::size_t active = 0, draining = 0, down = 0;
    std::uint64_t established = 0;
    bool any_manual = false;
    for (const auto& server : servers) {
        const auto state = string_field(server, "state").value_or("-");
        active += state == "active";
        draining += state == "draining";
        down += state == "down";
        std::string weight = text_or_dash(server, "weight");
        if (string_field(server, "weight_source") == "manual") {
            weight += "*";
            any_manual = true;
        }
        const auto load = number_field(server, "load");
        const auto packets = uint_field(server, "packets");
        const auto bytes = uint_field(server, "bytes");
        const auto connections = uint_field(server, "established");
        established += connections.value_or(0);
        table.add_row({text_or_dash(server, "name"), state, text_or_dash(server, "health"), weight,
                       text_or_dash(server, "buckets"), load ? format_percent(*load) : "-",
                       packets ? format_count(*packets) : "-", bytes ? format_bytes(*bytes) : "-",
                       connections ? std::to_string(*connections) : "-",
                       text_or_dash(server, "applied_generation")});
    }
    std::string out = table.render();
    out +=
        fmt::format("{} server{}: {} active, {} draining, {} down; {} established connection{}\n",
                    servers.size(), servers.size() == 1 ? "" : "s", active, draining, down,
                    established, established == 1 ? "" : "s");
    if (any_manual) out += "* manual weight (shoalctl weight)\n";
    return out;
}

std::string agent_section(const json& agent) {
    std::string out =
        fmt::format("agent {}, applied generation {}\n", text_or_dash(agent, "server"),
                    text_or_dash(agent, "applied_generation"));
    const auto& interfaces = array_field(agent, "interfaces");
    if (interfaces.empty()) return out + "no interfaces attached\n";
    TextTable table(
        {{"INTERFACE"}, {"MODE"}, {"DISPATCHER"}, {"PROGRAM", Align::right}, {"MESSAGE"}});
    for (const auto& interface : interfaces) {
        const auto dispatcher = bool_field(interface, "dispatcher");
        table.add_row({text_or_dash(interface, "name"), text_or_dash(interface, "mode"),
                       dispatcher ? (*dispatcher ? "yes" : "no") : "-",
                       text_or_dash(interface, "program_id"),
                       string_field(interface, "message").value_or("")});
    }
    return out + table.render();
}

}  // namespace

std::string format_status(const json& status) {
    std::string out = daemon_lines(status);
    const auto& services = array_field(status, "services");
    if (!services.empty()) out += "\n" + services_section(services);
    const auto& servers = array_field(status, "servers");
    out += "\n";
    out += servers.empty() ? "no servers\n" : servers_section(servers);
    if (status.is_object() && status.contains("agent") && status["agent"].is_object())
        out += "\n" + agent_section(status["agent"]);
    return out;
}

}  // namespace shoal::cli
