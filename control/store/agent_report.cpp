// SPDX-License-Identifier: MIT
#include "store/agent_report.h"

#include <fmt/format.h>

#include "config/json_reader.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
constexpr std::uint64_t kMaxCounter = 1ULL << 53;  // exact in every JSON reader

void read_second_hop_busy(const nlohmann::json& value, const std::string& path,
                          config::ErrorList& errors,
                          std::map<std::string, std::vector<std::uint32_t>>& out) {
    if (!value.is_object()) {
        errors.add(path, "expected an object {service: [bucket, ...]}, got " +
                             config::describe_value(value));
        return;
    }
    for (const auto& [service, buckets] : value.items()) {
        const std::string where = path + "/" + service;
        if (!buckets.is_array()) {
            errors.add(where, "expected an array of bucket indexes, got " +
                                  config::describe_value(buckets));
            continue;
        }
        auto& list = out[service];
        for (const auto& b : buckets) {
            if (!b.is_number_integer() || b.get<std::int64_t>() < 0 ||
                b.get<std::int64_t>() >= (1LL << SHOAL_MAX_TABLE_BITS)) {
                errors.add(where, "expected bucket indexes below 2^" +
                                      std::to_string(SHOAL_MAX_TABLE_BITS) + ", got " +
                                      config::describe_value(b));
                break;
            }
            list.push_back(b.get<std::uint32_t>());
        }
    }
}
}  // namespace

nlohmann::json AgentReport::to_json() const {
    nlohmann::json out = {{"server", server},
                          {"reported_at_ms", reported_at.time_since_epoch().count()},
                          {"applied_generation", applied_generation},
                          {"load", load},
                          {"established", established},
                          {"packets", packets},
                          {"bytes", bytes},
                          {"details", details}};
    if (!load_error.empty())
        out["load_error"] = load_error;  // absent: readers of old reports agree
    if (!second_hop_busy.empty()) out["second_hop_busy"] = second_hop_busy;
    return out;
}

AgentReport AgentReport::from_json(const nlohmann::json& value, std::string_view source) {
    config::ErrorList errors{std::string(source)};
    static constexpr std::string_view kFields[] = {
        "server",         "reported_at_ms", "applied_generation",
        "load",           "established",    "packets",
        "bytes",          "details",        "load_error",
        "second_hop_busy"};
    // Fields a newer agent adds are left out, not refused: agents may be upgraded before the
    // conductor during a rolling upgrade.
    nlohmann::json known = value;
    if (value.is_object()) {
        known = nlohmann::json::object();
        for (const auto field : kFields)
            if (auto it = value.find(std::string(field)); it != value.end())
                known[std::string(field)] = *it;
    }
    config::ObjectReader in(known, "", errors,
                            {kFields[0], kFields[1], kFields[2], kFields[3], kFields[4], kFields[5],
                             kFields[6], kFields[7], kFields[8], kFields[9]});
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
    if (const auto* v = in.find("load_error")) {
        if (v->is_string())
            report.load_error = v->get<std::string>();
        else
            errors.add(in.path("load_error"),
                       "expected a string, got " + config::describe_value(*v));
    }
    if (const auto* v = in.find("second_hop_busy"))
        read_second_hop_busy(*v, in.path("second_hop_busy"), errors, report.second_hop_busy);
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
