// SPDX-License-Identifier: MIT
#include "loadgen/bulk_report.h"

#include <fmt/format.h>

#include <algorithm>

namespace shoal::tools {

bool BulkFlow::complete() const {
    return connected && !legs.empty() &&
           std::all_of(legs.begin(), legs.end(), [](const BulkLeg& leg) { return leg.complete; });
}

std::size_t BulkReport::complete_count() const {
    return static_cast<std::size_t>(
        std::count_if(flows.begin(), flows.end(), [](const BulkFlow& f) { return f.complete(); }));
}

nlohmann::ordered_json BulkReport::to_json() const {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& flow : flows) {
        nlohmann::ordered_json entry = {{"source", flow.source},   {"server", flow.server},
                                        {"connected", flow.connected}, {"error", flow.error},
                                        {"pmtu", flow.pmtu},       {"snd_mss", flow.snd_mss}};
        for (const auto& leg : flow.legs)
            entry[to_string(leg.direction)] = {{"bytes", leg.bytes},       {"done", leg.done},
                                               {"complete", leg.complete}, {"seconds", leg.seconds},
                                               {"error", leg.error}};
        list.push_back(std::move(entry));
    }
    return {{"mode", "bulk"},
            {"target", target},
            {"bytes", bytes},
            {"flows", list},
            {"complete", complete_count()},
            {"incomplete", flows.size() - complete_count()},
            {"elapsed_s", elapsed_s}};
}

std::string BulkReport::summary() const {
    std::string out = fmt::format("bulk {} bytes per direction to {}\n", bytes, target);
    for (const auto& flow : flows) {
        out += fmt::format("  {} -> {}:", flow.source, flow.server.empty() ? "-" : flow.server);
        if (!flow.connected) out += " not connected: " + flow.error;
        for (const auto& leg : flow.legs) {
            if (leg.complete)
                out += fmt::format(" {} ok {:.2f}s", to_string(leg.direction), leg.seconds);
            else
                out += fmt::format(" {} {} of {} bytes, {}", to_string(leg.direction), leg.done,
                                   leg.bytes, leg.error);
        }
        if (flow.pmtu) out += fmt::format(" (pmtu {}, mss {})", flow.pmtu, flow.snd_mss);
        out += "\n";
    }
    out += fmt::format("{} flows, {} complete, {} incomplete, {:.1f}s\n", flows.size(), complete_count(),
                       flows.size() - complete_count(), elapsed_s);
    return out;
}

}  // namespace shoal::tools
