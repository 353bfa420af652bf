// SPDX-License-Identifier: MIT
#include "config/fleet_parser.h"

#include <fmt/format.h>

#include <set>

#include "config/duration.h"
#include "config/secret_key.h"

namespace shoal::config {

namespace {
constexpr std::uint64_t kMaxMovesLimit = 1ULL << 53;  // exact in every JSON reader

std::optional<std::array<std::uint8_t, 16>> read_hash_key(const Json& value,
                                                          std::string_view pointer,
                                                          ErrorList& errors) {
    if (value.is_string())
        if (const auto key = parse_key_hex(value.get_ref<const std::string&>())) return key;
    errors.add(pointer, "expected exactly 32 hex digits (the 128-bit SipHash key), got " +
                            describe_value(value));
    return std::nullopt;
}

template <class T, class Read>
std::vector<T> read_each(const Json* value, std::string_view pointer, ErrorList& errors,
                         bool allow_empty, Read read) {
    std::vector<T> out;
    if (value == nullptr) return out;
    const auto* array = read_array(*value, pointer, errors, allow_empty);
    if (array == nullptr) return out;
    for (std::size_t i = 0; i < array->size(); ++i)
        if (auto item = read((*array)[i], pointer_join(pointer, i)))
            out.push_back(std::move(*item));
    return out;
}

// Reports the second and later copies of a repeated value in a list.
template <class T, class Describe>
void report_repeats(const std::vector<T>& items, std::string_view pointer, ErrorList& errors,
                    Describe describe) {
    std::set<T> seen;
    for (const auto& item : items)
        if (!seen.insert(item).second)
            errors.add(pointer, fmt::format("{} is listed more than once", describe(item)));
}

std::vector<Address> read_vips(const ObjectReader& service) {
    const auto pointer = service.path("vips");
    auto vips =
        read_each<Address>(service.require("vips", "a non-empty array of IP addresses"), pointer,
                           service.errors(), false, [&](const Json& v, const std::string& p) {
                               return read_address(v, p, service.errors(), AddressKind::any);
                           });
    report_repeats(vips, pointer, service.errors(),
                   [](const Address& a) { return "VIP " + a.to_string(); });
    return vips;
}

std::vector<std::uint16_t> read_ports(const ObjectReader& service) {
    const auto pointer = service.path("ports");
    auto ports = read_each<std::uint16_t>(
        service.require("ports", "a non-empty array of ports 0..65535 (0 = any port)"), pointer,
        service.errors(), false,
        [&](const Json& v, const std::string& p) -> std::optional<std::uint16_t> {
            if (auto port = read_integer(v, p, service.errors(), 0, 65535))
                return static_cast<std::uint16_t>(*port);
            return std::nullopt;
        });
    report_repeats(ports, pointer, service.errors(),
                   [](std::uint16_t port) { return fmt::format("port {}", port); });
    return ports;
}
}  // namespace

HealthCheckConfig parse_health_check(const Json& value, std::string_view pointer,
                                     ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors,
                    {"type", "port", "path", "interval", "timeout", "rise", "fall", "jitter"});
    HealthCheckConfig check;
    if (!in.is_object()) return check;
    if (const auto* v = in.require("type", "\"tcp\" or \"http\""))
        check.type = read_choice<HealthCheckType>(
                         *v, in.path("type"), errors,
                         {{"tcp", HealthCheckType::tcp}, {"http", HealthCheckType::http}})
                         .value_or(check.type);
    if (const auto* v = in.require("port", "an integer 1..65535"))
        check.port = static_cast<std::uint16_t>(
            read_integer(*v, in.path("port"), errors, 1, 65535).value_or(0));
    if (const auto* v = in.find("path")) {
        if (check.type != HealthCheckType::http)
            errors.add(in.path("path"), "only an \"http\" health check has a path");
        else if (v->is_string() && v->get_ref<const std::string&>().starts_with('/'))
            check.path = v->get<std::string>();
        else
            errors.add(in.path("path"),
                       "expected a URL path starting with '/', got " + describe_value(*v));
    }
    if (const auto* v = in.find("interval"))
        check.interval = read_duration(*v, in.path("interval"), errors).value_or(check.interval);
    if (const auto* v = in.find("timeout"))
        check.timeout = read_duration(*v, in.path("timeout"), errors).value_or(check.timeout);
    if (const auto* v = in.find("jitter"))
        check.jitter = read_duration(*v, in.path("jitter"), errors).value_or(check.jitter);
    if (const auto* v = in.find("rise"))
        check.rise = static_cast<std::uint32_t>(
            read_integer(*v, in.path("rise"), errors, 1, 100).value_or(check.rise));
    if (const auto* v = in.find("fall"))
        check.fall = static_cast<std::uint32_t>(
            read_integer(*v, in.path("fall"), errors, 1, 100).value_or(check.fall));
    if (check.interval < std::chrono::milliseconds(10))
        errors.add(in.path("interval"),
                   "expected at least 10ms, got " + format_duration(check.interval));
    if (check.timeout.count() == 0 || check.timeout >= check.interval)
        errors.add(in.path("timeout"),
                   fmt::format("expected a timeout above 0 and below the interval ({}), got {}",
                               format_duration(check.interval), format_duration(check.timeout)));
    if (check.jitter >= check.interval)
        errors.add(in.path("jitter"),
                   fmt::format("expected a jitter below the interval ({}), got {}",
                               format_duration(check.interval), format_duration(check.jitter)));
    return check;
}

ServerConfig parse_server(const Json& value, std::string_view pointer, ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors,
                    {"name", "index", "dip4", "dip6", "weight"});
    ServerConfig server;
    server.index = kUnreadNumber;
    if (!in.is_object()) return server;
    if (const auto* v = in.require("name", "a server name"))
        server.name = read_name(*v, in.path("name"), errors).value_or("");
    if (const auto* v = in.require("index", fmt::format("an integer 0..{}", kMaxServerIndex)))
        server.index = static_cast<std::uint16_t>(
            read_integer(*v, in.path("index"), errors, 0, kMaxServerIndex).value_or(kUnreadNumber));
    if (const auto* v = in.find("dip4"))
        server.dip4 =
            read_address(*v, in.path("dip4"), errors, AddressKind::ipv4).value_or(kUnreadAddress);
    if (const auto* v = in.find("dip6"))
        server.dip6 =
            read_address(*v, in.path("dip6"), errors, AddressKind::ipv6).value_or(kUnreadAddress);
    if (in.find("dip4") == nullptr && in.find("dip6") == nullptr)
        errors.add(pointer, "missing field \"dip4\" or \"dip6\" (a server needs at least one DIP)");
    if (const auto* v = in.find("weight"))
        server.weight = static_cast<std::uint32_t>(
            read_integer(*v, in.path("weight"), errors, 0, kMaxWeight).value_or(server.weight));
    return server;
}

ServiceConfig parse_service(const Json& value, std::string_view pointer, ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors,
                    {"name", "id", "vips", "protocol", "ports", "hash", "fragments", "pool",
                     "health_check"});
    ServiceConfig service;
    service.id = kUnreadNumber;
    if (!in.is_object()) return service;
    if (const auto* v = in.require("name", "a service name"))
        service.name = read_name(*v, in.path("name"), errors).value_or("");
    if (const auto* v = in.require("id", fmt::format("an integer 0..{}", kMaxServiceId)))
        service.id = static_cast<std::uint16_t>(
            read_integer(*v, in.path("id"), errors, 0, kMaxServiceId).value_or(kUnreadNumber));
    service.vips = read_vips(in);
    if (const auto* v = in.require("protocol", "\"tcp\" or \"udp\""))
        service.protocol = read_choice<Protocol>(*v, in.path("protocol"), errors,
                                                 {{"tcp", Protocol::tcp}, {"udp", Protocol::udp}})
                               .value_or(service.protocol);
    service.ports = read_ports(in);
    if (const auto* v = in.find("hash"))
        service.hash = read_choice<HashMode>(
                           *v, in.path("hash"), errors,
                           {{"4tuple", HashMode::four_tuple}, {"src_addr", HashMode::src_addr}})
                           .value_or(service.hash);
    if (const auto* v = in.find("fragments")) {
        service.fragments =
            read_choice<Fragments>(*v, in.path("fragments"), errors,
                                   {{"pass", Fragments::pass}, {"drop", Fragments::drop}});
        if (service.hash == HashMode::src_addr)
            errors.add(in.path("fragments"),
                       "a \"src_addr\" service always steers its fragments to their datagram's "
                       "bucket; \"fragments\" is only for a \"4tuple\" service");
    }
    service.pool = read_each<std::string>(
        in.require("pool", "a non-empty array of server names"), in.path("pool"), errors, false,
        [&](const Json& v, const std::string& p) { return read_name(v, p, errors); });
    report_repeats(service.pool, in.path("pool"), errors,
                   [](const std::string& name) { return "server " + name; });
    if (const auto* v = in.find("health_check"))
        service.health_check = parse_health_check(*v, in.path("health_check"), errors);
    return service;
}

FleetConfig parse_fleet(const Json& value, std::string_view pointer, ErrorList& errors) {
    ObjectReader in(value, std::string(pointer), errors,
                    {"hash_key", "gue_port", "table_bits", "chain_window", "chain_hold_max", "max_moves_per_build",
                     "servers", "services"});
    FleetConfig fleet;
    if (!in.is_object()) return fleet;
    if (const auto* v = in.require("hash_key", "32 hex digits (the 128-bit SipHash key)"))
        fleet.hash_key = read_hash_key(*v, in.path("hash_key"), errors).value_or(fleet.hash_key);
    if (const auto* v = in.find("gue_port"))
        fleet.gue_port = static_cast<std::uint16_t>(
            read_integer(*v, in.path("gue_port"), errors, 1, 65535).value_or(fleet.gue_port));
    if (const auto* v = in.find("table_bits"))
        fleet.table_bits =
            static_cast<std::uint32_t>(read_integer(*v, in.path("table_bits"), errors,
                                                    SHOAL_MIN_TABLE_BITS, SHOAL_MAX_TABLE_BITS)
                                           .value_or(fleet.table_bits));
    if (const auto* v = in.find("chain_window"))
        fleet.chain_window =
            read_duration(*v, in.path("chain_window"), errors).value_or(fleet.chain_window);
    if (const auto* v = in.find("chain_hold_max"))
        fleet.chain_hold_max =
            read_duration(*v, in.path("chain_hold_max"), errors).value_or(fleet.chain_hold_max);
    if (const auto* v = in.find("max_moves_per_build"))
        fleet.max_moves_per_build =
            read_integer(*v, in.path("max_moves_per_build"), errors, 0, kMaxMovesLimit).value_or(0);
    fleet.servers = read_each<ServerConfig>(in.require("servers", "a non-empty array of servers"),
                                            in.path("servers"), errors, false,
                                            [&](const Json& v, const std::string& p) {
                                                return std::optional(parse_server(v, p, errors));
                                            });
    fleet.services = read_each<ServiceConfig>(in.find("services"), in.path("services"), errors,
                                              true, [&](const Json& v, const std::string& p) {
                                                  return std::optional(parse_service(v, p, errors));
                                              });
    return fleet;
}

}  // namespace shoal::config
