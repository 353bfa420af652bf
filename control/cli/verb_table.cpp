// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "api/url_codec.h"
#include "cli/verbs.h"

namespace shoal::cli {

const std::vector<Verb>& verb_table() {
    static const std::vector<Verb> verbs{
        {"status",
         "Show the daemon, its services and servers (state, health, weight, buckets, "
         "load, traffic, established connections)",
         declare_status},
        {"drain", "Drain a server: no new connections go to it, established ones stay",
         declare_drain},
        {"undrain", "Put a drained server back into service", declare_undrain},
        {"weight", "Set a server's manual weight, or clear it with --clear", declare_weight},
        {"plan", "Show what drain, undrain or weight would move, without applying it",
         declare_plan},
        {"table",
         "Show each service's bucket counts per server, or what moved since an "
         "earlier generation",
         declare_table},
        {"stats", "Show this agent's data-plane counters", declare_stats},
        {"reload", "Make shoald re-read its config file (a bad one is refused)", declare_reload},
        {"detach", "Detach the XDP program here and remove its pins: the data plane stops",
         declare_detach},
        {"version", "Show shoalctl's version, git commit and data-plane format (asks no daemon)",
         declare_version},
    };
    return verbs;
}

std::string server_path(std::string_view name, std::string_view action) {
    return fmt::format("/v1/servers/{}/{}", api::percent_encode(name), action);
}

}  // namespace shoal::cli
