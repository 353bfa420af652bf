// SPDX-License-Identifier: MIT
#include "cli/change_view.h"

#include <fmt/format.h>

#include "cli/json_fields.h"

namespace shoal::cli {

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

}  // namespace shoal::cli
