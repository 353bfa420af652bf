// SPDX-License-Identifier: MIT
#include "cli/stats_view.h"

#include <fmt/format.h>

#include "cli/human_units.h"
#include "cli/json_fields.h"
#include "cli/text_table.h"

namespace shoal::cli {

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
