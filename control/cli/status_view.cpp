// SPDX-License-Identifier: MIT
#include "cli/status_view.h"

#include <fmt/format.h>

#include "cli/cluster_view.h"
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

// The weight as the table shows it: manual ones marked '*', computed ones '~'.
std::string weight_text(const json& server, bool& any_manual, bool& any_computed) {
    const auto source = string_field(server, "weight_source");
    if (source == "computed") {
        any_computed = true;
        const auto weight = number_field(server, "weight");
        return (weight ? fmt::format("{:.1f}", *weight) : std::string("-")) + "~";
    }
    std::string weight = text_or_dash(server, "weight");
    if (source == "manual") {
        weight += "*";
        any_manual = true;
    }
    return weight;
}

// "! NAME: fabric MTU ..." when an agent reports its fabric too small for GUE; "" otherwise.
std::string mtu_warning_line(const std::string& name, const json& mtu) {
    if (bool_field(mtu, "fabric_mtu_ok").value_or(true)) return "";
    return fmt::format("! {}: {}\n", name, string_field(mtu, "warning").value_or("fabric MTU too small for GUE"));
}

std::string servers_section(const json& servers, bool controlled) {
    std::vector<Column> columns = {{"SERVER"},
                                              {"STATE"},
                                              {"HEALTH"},
                                              {"WEIGHT", Align::right},
                                              {"BUCKETS", Align::right}};
    if (controlled) columns.push_back({"SHARE", Align::right});
    for (const char* name : {"LOAD", "PACKETS", "BYTES", "ESTABLISHED", "APPLIED"})
        columns.push_back({name, Align::right});
    TextTable table(columns);
    std::size_t active = 0, draining = 0, down = 0;
    std::uint64_t established = 0;
    bool any_manual = false, any_computed = false;
    std::string held_lines;
    for (const auto& server : servers) {
        const auto state = string_field(server, "state").value_or("-");
        active += state == "active";
        draining += state == "draining";
        down += state == "down";
        const std::string weight = weight_text(server, any_manual, any_computed);
        const auto load = number_field(server, "load");
        const auto held = string_field(server, "load_held");
        if (held) held_lines += fmt::format("! {}: weight held: {}\n", text_or_dash(server, "name"), *held);
        held_lines += mtu_warning_line(text_or_dash(server, "name"), object_field(server, "mtu"));
        const auto packets = uint_field(server, "packets");
        const auto bytes = uint_field(server, "bytes");
        const auto connections = uint_field(server, "established");
        established += connections.value_or(0);
        std::vector<std::string> row = {text_or_dash(server, "name"), state, text_or_dash(server, "health"),
                                        weight, text_or_dash(server, "buckets")};
        if (controlled) {
            const auto share = number_field(server, "target_share");
            row.push_back(share ? format_percent(*share) : "-");
        }
        row.push_back((load ? format_percent(*load) : "-") + (held ? "!" : ""));
        row.push_back(packets ? format_count(*packets) : "-");
        row.push_back(bytes ? format_bytes(*bytes) : "-");
        row.push_back(connections ? std::to_string(*connections) : "-");
        row.push_back(text_or_dash(server, "applied_generation"));
        table.add_row(row);
    }
    std::string out = table.render();
    out +=
        fmt::format("{} server{}: {} active, {} draining, {} down; {} established connection{}\n",
                    servers.size(), servers.size() == 1 ? "" : "s", active, draining, down,
                    established, established == 1 ? "" : "s");
    if (any_manual) out += "* manual weight (shoalctl weight)\n";
    if (any_computed) out += "~ computed by the load controller from measured load\n";
    return out + held_lines;
}

// One line per service: the load controller's last round.
std::string load_controller_section(const json& controller) {
    std::string out = fmt::format("load controller: every {}s, {} rounds, at most {} of the buckets per round\n",
                                  double(uint_field(controller, "interval_ms").value_or(0)) / 1000,
                                  text_or_dash(controller, "rounds"),
                                  format_percent(number_field(controller, "move_budget").value_or(0)));
    for (const auto& service : array_field(controller, "services")) {
        const auto mean = number_field(service, "mean_utilisation");
        out += fmt::format("  {}: mean utilisation {}, moved {} buckets last round (budget {})",
                           text_or_dash(service, "service"), mean ? format_percent(*mean) : "-",
                           text_or_dash(service, "moved_buckets"), text_or_dash(service, "move_budget"));
        if (const auto note = string_field(service, "note")) out += "; " + *note;
        out += "\n";
    }
    return out;
}

std::string agent_section(const json& agent) {
    std::string out =
        fmt::format("agent {}, applied generation {}\n", text_or_dash(agent, "server"),
                    text_or_dash(agent, "applied_generation"));
    const auto& interfaces = array_field(agent, "interfaces");
    if (interfaces.empty()) return out + "no interfaces attached\n";
    const auto& mtu = object_field(agent, "mtu");
    const auto mtu_of = [&mtu](const json& interface) -> std::pair<std::string, std::string> {
        for (const auto& entry : array_field(mtu, "interfaces"))
            if (string_field(entry, "name") == string_field(interface, "name"))
                return {text_or_dash(entry, "mtu"), text_or_dash(entry, "max_inner_packet")};
        return {"-", "-"};
    };
    TextTable table({{"INTERFACE"},
                     {"MODE"},
                     {"DISPATCHER"},
                     {"PROGRAM", Align::right},
                     {"MTU", Align::right},
                     {"MAX INNER", Align::right},
                     {"MESSAGE"}});
    for (const auto& interface : interfaces) {
        const auto dispatcher = bool_field(interface, "dispatcher");
        const auto [link_mtu, max_inner] = mtu_of(interface);
        table.add_row({text_or_dash(interface, "name"), text_or_dash(interface, "mode"),
                       dispatcher ? (*dispatcher ? "yes" : "no") : "-",
                       text_or_dash(interface, "program_id"), link_mtu, max_inner,
                       string_field(interface, "message").value_or("")});
    }
    out += table.render();
    if (const auto edge = uint_field(mtu, "edge_mtu")) {
        const auto overhead = uint_field(mtu, "overhead").value_or(0);
        out += fmt::format("fabric MTU needed: {} (edge MTU {} + {} bytes of GUE): {}\n", *edge + overhead,
                           *edge, overhead, bool_field(mtu, "fabric_mtu_ok").value_or(true) ? "ok" : "TOO SMALL");
    }
    return out + mtu_warning_line(text_or_dash(agent, "server"), mtu);
}

}  // namespace

std::string format_status(const json& status) {
    std::string out = daemon_lines(status) + cluster_lines(status);
    const auto& services = array_field(status, "services");
    if (!services.empty()) out += "\n" + services_section(services);
    const auto& servers = array_field(status, "servers");
    out += "\n";
    const auto& controller = object_field(status, "load_controller");
    const bool controlled = bool_field(controller, "enabled").value_or(false);
    out += servers.empty() ? "no servers\n" : servers_section(servers, controlled);
    if (controlled) out += load_controller_section(controller);
    if (status.is_object() && status.contains("agent") && status["agent"].is_object())
        out += "\n" + agent_section(status["agent"]);
    return out;
}

}  // namespace shoal::cli
