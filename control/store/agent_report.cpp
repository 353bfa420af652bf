// SPDX-License-Identifier: MIT
#include "store/agent_report.h"

#include <fmt/format.h>

#include "config/json_reader.h"
#include "store/store_error.h"

namespace shoal::store {

namespace {
constexpr std::uint64_t kMaxCounter = 1ULL << 53;  // exact in every JSON reader
constexpr std::uint64_t kMaxMtu = 65535;

// The fields of `value` this reader knows; a newer writer's additions are left out, not
// refused (agents may be upgraded before the conductor during a rolling upgrade).
template <std::size_t N>
nlohmann::json known_fields(const nlohmann::json& value, const std::string_view (&fields)[N]) {
    if (!value.is_object()) return value;
    nlohmann::json known = nlohmann::json::object();
    for (const auto field : fields)
        if (auto it = value.find(std::string(field)); it != value.end()) known[std::string(field)] = *it;
    return known;
}

std::optional<FabricMtu> read_mtu(const nlohmann::json& value, const std::string& path,
                                  config::ErrorList& errors) {
    static constexpr std::string_view kMtuFields[] = {"edge_mtu", "overhead", "gue_auth",
                                                      "max_inner_packet", "interfaces"};
    const nlohmann::json known = known_fields(value, kMtuFields);
    config::ObjectReader in(known, path, errors,
                            {kMtuFields[0], kMtuFields[1], kMtuFields[2], kMtuFields[3], kMtuFields[4]});
    if (!in.is_object()) return std::nullopt;
    const auto bytes = [&errors](const nlohmann::json* v, const std::string& at) -> std::uint32_t {
        return v ? static_cast<std::uint32_t>(config::read_integer(*v, at, errors, 0, kMaxMtu).value_or(0)) : 0;
    };
    FabricMtu mtu;
    mtu.edge_mtu = bytes(in.require("edge_mtu", "an MTU"), in.path("edge_mtu"));
    mtu.overhead = bytes(in.require("overhead", "a byte count"), in.path("overhead"));
    mtu.max_inner_packet = bytes(in.require("max_inner_packet", "a byte count"), in.path("max_inner_packet"));
    if (const auto* v = in.find("gue_auth")) {
        if (v->is_boolean())
            mtu.gue_auth = v->get<bool>();
        else
            errors.add(in.path("gue_auth"), "expected true or false, got " + config::describe_value(*v));
    }
    const auto* list = in.require("interfaces", "an array of {name, mtu, max_inner_packet}");
    if (list && !list->is_array()) {
        errors.add(in.path("interfaces"), "expected an array, got " + config::describe_value(*list));
    } else if (list) {
        static constexpr std::string_view kInterfaceFields[] = {"name", "mtu", "max_inner_packet"};
        for (std::size_t i = 0; i < list->size(); ++i) {
            const nlohmann::json entry = known_fields((*list)[i], kInterfaceFields);
            config::ObjectReader at(entry, config::pointer_join(in.path("interfaces"), i), errors,
                                    {kInterfaceFields[0], kInterfaceFields[1], kInterfaceFields[2]});
            InterfaceMtu interface;
            if (const auto* v = at.require("name", "an interface name")) {
                if (v->is_string())
                    interface.name = v->get<std::string>();
                else
                    errors.add(at.path("name"), "expected a string, got " + config::describe_value(*v));
            }
            interface.mtu = bytes(at.require("mtu", "an MTU"), at.path("mtu"));
            interface.max_inner_packet =
                bytes(at.require("max_inner_packet", "a byte count"), at.path("max_inner_packet"));
            mtu.interfaces.push_back(std::move(interface));
        }
    }
    return mtu;
}

void read_second_hop_busy(const nlohmann::json& value, const std::string& path,
                          config::ErrorList& errors,
                          std::map<std::string, std::vector<std::uint32_t>>& out) {
    if (!value.is_object()) {
        errors.add(path, "expected an object {service: [bucket, ...]}, got " + config::describe_value(value));
        return;
    }
    for (const auto& [service, buckets] : value.items()) {
        const std::string where = path + "/" + service;
        if (!buckets.is_array()) {
            errors.add(where, "expected an array of bucket indexes, got " + config::describe_value(buckets));
            continue;
        }
        auto& list = out[service];
        for (const auto& b : buckets) {
            if (!b.is_number_integer() || b.get<std::int64_t>() < 0 ||
                b.get<std::int64_t>() >= (1LL << SHOAL_MAX_TABLE_BITS)) {
                errors.add(where, "expected bucket indexes below 2^" + std::to_string(SHOAL_MAX_TABLE_BITS) +
                                      ", got " + config::describe_value(b));
                break;
            }
            list.push_back(b.get<std::uint32_t>());
        }
    }
}
}  // namespace

std::string FabricMtu::warning() const {
    if (ok()) return "";
    if (interfaces.empty()) return "no interface MTU known";
    std::string short_links;
    for (const auto& i : interfaces)
        if (i.max_inner_packet < edge_mtu)
            short_links += fmt::format("{}{} MTU {}", short_links.empty() ? "" : ", ", i.name, i.mtu);
    return fmt::format("fabric MTU below edge MTU {} + {} bytes of GUE{} ({}): a packet over {} bytes that "
                       "must go to another server is answered with ICMP too big (IPv4 without DF: dropped)",
                       edge_mtu, overhead, gue_auth ? " with its auth tag" : "", short_links,
                       max_inner_packet);
}

nlohmann::json FabricMtu::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& i : interfaces)
        list.push_back({{"name", i.name}, {"mtu", i.mtu}, {"max_inner_packet", i.max_inner_packet}});
    nlohmann::json out = {{"edge_mtu", edge_mtu},   {"overhead", overhead},
                          {"gue_auth", gue_auth},   {"max_inner_packet", max_inner_packet},
                          {"interfaces", list},     {"fabric_mtu_ok", ok()}};
    if (!ok()) out["warning"] = warning();
    return out;
}

nlohmann::json AgentReport::to_json() const {
    nlohmann::json out = {{"server", server},
            {"reported_at_ms", reported_at.time_since_epoch().count()},
            {"applied_generation", applied_generation},
            {"load", load},
            {"established", established},
            {"packets", packets},
            {"bytes", bytes},
            {"details", details}};
    if (!load_error.empty()) out["load_error"] = load_error;  // absent: readers of old reports agree
    if (!second_hop_busy.empty()) out["second_hop_busy"] = second_hop_busy;
    if (mtu) out["mtu"] = mtu->to_json();
    return out;
}

AgentReport AgentReport::from_json(const nlohmann::json& value, std::string_view source) {
    config::ErrorList errors{std::string(source)};
    static constexpr std::string_view kFields[] = {
        "server",  "reported_at_ms", "applied_generation", "load",       "established",
        "packets", "bytes",          "details",            "load_error", "second_hop_busy",
        "mtu"};
    const nlohmann::json known = known_fields(value, kFields);
    config::ObjectReader in(known, "", errors,
                            {kFields[0], kFields[1], kFields[2], kFields[3], kFields[4], kFields[5],
                             kFields[6], kFields[7], kFields[8], kFields[9], kFields[10]});
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
            errors.add(in.path("load_error"), "expected a string, got " + config::describe_value(*v));
    }
    if (const auto* v = in.find("second_hop_busy"))
        read_second_hop_busy(*v, in.path("second_hop_busy"), errors, report.second_hop_busy);
    if (const auto* v = in.find("mtu")) report.mtu = read_mtu(*v, in.path("mtu"), errors);
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
