// SPDX-License-Identifier: MIT
#include "store/agent_report.h"

#include <fmt/format.h>

#include "config/json_reader.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
constexpr std::uint64_t kMaxCounter = 1ULL << 53;  // exact in every JSON reader
}  // namespace

nlohmann::json AgentReport::to_json() const {
    return {{"server", server},
            {"reported_at_ms", reported_at.time_since_epoch().count()},
            {"applied_generation", applied_generation},
            {"load", load},
            {"established", established},
            {"packets", packets},
            {"bytes", bytes},
            {"details", details}};
}

AgentReport AgentReport::from_json(const nlohmann::json& value, std::string_view source) {
    config::ErrorList errors{std::string(source)};
    config::ObjectReader in(value, "", errors,
                            {"server", "reported_at_ms", "applied_generation", "load",
                             "established", "packets", "bytes", "details"});
    AgentReport report;
    const auto integer = [&](std::string_view field) -> std::uint64_t {
        const auto* v = in.require(field, "an integer");
        return v ? config::read_integer(*v, in.path(field), errors, 0, kMaxCounter).value_or(0) : 0;
    };
    if (const auto* v = in.require("server", "a server name"))
        report.server = config::read_name(*v, in.path("server"), errors).value_or("");
    report.reported_at = TimePoint(std::chrono::milliseconds(integer("reported_at_ms")));
    report.applied_generation = integer("applied_generation");
    report.established = integer("established");
    report.packets = integer("packets");
    report.bytes = integer("bytes");
    if (const auto* v = in.require("load", "a number 0..1000")) {
        if (v->is_number() && v->get<double>() >= 0 && v->get<double>() <= 1000)
            report.load = v->get<double>();
        else
            errors.add(in.path("load"),
                       "expected a number 0..1000, got " + config::describe_value(*v));
    }
    if (const auto* v = in.find("details")) {
        if (v->is_object())
            report.details = *v;
        else
            errors.add(in.path("details"), "expected an object, got " + config::describe_value(*v));
    }
    if (!errors.empty()) throw StoreError(errors.joined());
    return report;
}

}  // namespace shoal::store
