// SPDX-License-Identifier: MIT
#include "cli/cluster_view.h"

#include <fmt/format.h>

#include "cli/json_fields.h"

namespace shoal::cli {

using nlohmann::json;

namespace {
std::string leader_text(const json& leader) {
    if (!leader.is_object()) return "none (an election is under way)";
    std::string text = string_field(leader, "name").value_or("?");
    if (const auto tcp = string_field(leader, "tcp")) text += ", control " + *tcp;
    else if (const auto socket = string_field(leader, "socket")) text += ", socket " + *socket;
    return text;
}

std::string etcd_text(const json& store) {
    if (bool_field(store, "reachable").value_or(false))
        return "reachable via " + string_field(store, "endpoint").value_or("?");
    return "UNREACHABLE: " + string_field(store, "error").value_or("no answer yet");
}
}  // namespace

std::string cluster_lines(const json& status) {
    const auto& cluster = object_field(status, "cluster");
    const auto& store = object_field(status, "store");
    std::string out;
    if (string_field(cluster, "mode") == "cluster") {
        out += fmt::format("cluster: this conductor {}; leader {}\n",
                           bool_field(cluster, "leading").value_or(false) ? "leads" : "follows",
                           leader_text(cluster.contains("leader") ? cluster["leader"] : json()));
    }
    if (string_field(store, "type") == "etcd") out += "etcd: " + etcd_text(store) + "\n";
    const auto& agents = object_field(cluster, "agents");
    if (!agents.empty()) {
        out += "etcd as agents last reported it:\n";
        for (const auto& [server, seen] : agents.items())
            out += fmt::format("  {}: {}\n", server, etcd_text(seen));
    }
    return out;
}

}  // namespace shoal::cli
