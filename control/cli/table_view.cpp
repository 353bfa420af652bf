// SPDX-License-Identifier: MIT
#include "cli/table_view.h"

#include <fmt/format.h>

#include "cli/human_units.h"
#include "cli/json_fields.h"
#include "cli/text_table.h"

namespace shoal::cli {

using nlohmann::json;

namespace {

std::string service_section(const json& service, bool diff) {
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
        out += "\n" + service_section(service, diff_generation.has_value());
    return out;
}

}  // namespace shoal::cli
