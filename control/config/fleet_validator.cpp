// SPDX-License-Identifier: MIT
#include "config/fleet_validator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "config/fleet_parser.h"
#include "config/json_reader.h"

namespace shoal::config {

namespace {
// Remembers where each value was first seen and reports later copies.
template <class Key>
class FirstSeen {
  public:
    // Returns false (after reporting) when `key` was seen before.
    bool add(const Key& key, const std::string& where, ErrorList& errors, std::string_view what) {
        auto [it, inserted] = first_.emplace(key, where);
        if (!inserted) errors.add(where, fmt::format("{} is already used by {}", what, it->second));
        return inserted;
    }

  private:
    std::map<Key, std::string> first_;
};

bool readable(const std::optional<Address>& dip) {
    return dip && dip->family != kUnreadAddress.family;
}

void validate_servers(const FleetConfig& fleet, const std::string& servers, ErrorList& errors) {
    FirstSeen<std::string> names;
    FirstSeen<std::uint16_t> indexes;
    FirstSeen<Address> dips;
    const ServerConfig* v4_only = nullptr;
    const ServerConfig* v6_only = nullptr;
    for (std::size_t i = 0; i < fleet.servers.size(); ++i) {
        const auto& server = fleet.servers[i];
        const auto at = pointer_join(servers, i);
        if (!server.name.empty())
            names.add(server.name, pointer_join(at, "name"), errors,
                      fmt::format("server name \"{}\"", server.name));
        if (server.index != kUnreadNumber)
            indexes.add(server.index, pointer_join(at, "index"), errors,
                        fmt::format("server index {}", server.index));
        if (readable(server.dip4))
            dips.add(*server.dip4, pointer_join(at, "dip4"), errors,
                     "DIP " + server.dip4->to_string());
        if (readable(server.dip6))
            dips.add(*server.dip6, pointer_join(at, "dip6"), errors,
                     "DIP " + server.dip6->to_string());
        if (server.dip4 && !server.dip6) v4_only = v4_only ? v4_only : &server;
        if (server.dip6 && !server.dip4) v6_only = v6_only ? v6_only : &server;
    }
    if (v4_only && v6_only)
        errors.add(
            servers,
            fmt::format("server {} has only an IPv4 DIP and server {} only an IPv6 DIP: every "
                        "server must reach every other over one family",
                        v4_only->name, v6_only->name));
}

void validate_pool(const FleetConfig& fleet, const ServiceConfig& service, const std::string& at,
                   ErrorList& errors) {
    std::uint64_t total_weight = 0;
    bool all_known = true;
    for (std::size_t j = 0; j < service.pool.size(); ++j) {
        const auto* server = fleet.find_server(service.pool[j]);
        if (server == nullptr) {
            all_known = false;
            errors.add(pointer_join(pointer_join(at, "pool"), j),
                       fmt::format("no server named \"{}\" in /fleet/servers", service.pool[j]));
        } else {
            total_weight += server->weight;
        }
    }
    if (all_known && !service.pool.empty() && total_weight == 0)
        errors.add(pointer_join(at, "pool"),
                   "every member has weight 0; at least one needs a weight above 0");
}

void validate_services(const FleetConfig& fleet, const std::string& services,
                       const std::string& servers, ErrorList& errors) {
    FirstSeen<std::string> names;
    FirstSeen<std::uint16_t> ids;
    FirstSeen<std::tuple<Address, Protocol, std::uint16_t>> keys;
    std::map<Address, std::string> dip_owner;
    for (std::size_t i = 0; i < fleet.servers.size(); ++i) {
        const auto& server = fleet.servers[i];
        const auto where = fmt::format("server {} ({})", server.name, pointer_join(servers, i));
        if (readable(server.dip4)) dip_owner.emplace(*server.dip4, where);
        if (readable(server.dip6)) dip_owner.emplace(*server.dip6, where);
    }
    for (std::size_t i = 0; i < fleet.services.size(); ++i) {
        const auto& service = fleet.services[i];
        const auto at = pointer_join(services, i);
        if (!service.name.empty())
            names.add(service.name, pointer_join(at, "name"), errors,
                      fmt::format("service name \"{}\"", service.name));
        if (service.id != kUnreadNumber)
            ids.add(service.id, pointer_join(at, "id"), errors,
                    fmt::format("service id {}", service.id));
        const std::set<std::uint16_t> ports(service.ports.begin(),
                                            service.ports.end());  // repeats: reported already
        std::set<Address> vips;
        for (std::size_t j = 0; j < service.vips.size(); ++j) {
            const auto& vip = service.vips[j];
            if (!vips.insert(vip).second) continue;
            if (auto owner = dip_owner.find(vip); owner != dip_owner.end())
                errors.add(
                    pointer_join(pointer_join(at, "vips"), j),
                    fmt::format("VIP {} is also the DIP of {}", vip.to_string(), owner->second));
            for (auto port : ports)
                keys.add({vip, service.protocol, port}, at, errors,
                         fmt::format("service key {}/{}/{}", vip.to_string(),
                                     to_string(service.protocol),
                                     port == 0 ? std::string("any") : std::to_string(port)));
        }
        validate_pool(fleet, service, at, errors);
    }
}

// Fragments carry no ports (a later fragment has no L4 header at all), so the services sharing
// a {VIP, protocol} must agree on what becomes of them; a src_addr service, which steers them
// through its own table, must be the only one there.
void validate_fragments(const FleetConfig& fleet, const std::string& services, ErrorList& errors) {
    std::map<std::pair<Address, Protocol>, std::size_t> first;  // -> index of the first service
    for (std::size_t i = 0; i < fleet.services.size(); ++i) {
        const auto& service = fleet.services[i];
        for (const auto& vip : std::set<Address>(service.vips.begin(), service.vips.end())) {
            const auto [it, inserted] = first.emplace(std::pair(vip, service.protocol), i);
            if (inserted) continue;
            const auto& other = fleet.services[it->second];
            const bool same_port =
                std::any_of(service.ports.begin(), service.ports.end(), [&](std::uint16_t port) {
                    return std::count(other.ports.begin(), other.ports.end(), port);
                });
            if (same_port) continue;  // a service key used twice: reported by validate_services
            const auto where = fmt::format("{}/{} is also served by {} (\"{}\")", vip.to_string(),
                                           to_string(service.protocol),
                                           pointer_join(services, it->second), other.name);
            const auto at = pointer_join(services, i);
            if (service.hash == HashMode::src_addr || other.hash == HashMode::src_addr) {
                errors.add(at,
                           fmt::format("{}: a \"src_addr\" service must be the only service on its "
                                       "VIP and protocol, because fragments carry no ports to tell "
                                       "the services apart",
                                       where));
                break;
            }
            const auto mine = service.fragments.value_or(Fragments::pass);
            const auto theirs = other.fragments.value_or(Fragments::pass);
            if (mine != theirs) {
                errors.add(pointer_join(at, "fragments"),
                           fmt::format("{} with fragments \"{}\", this service has \"{}\": "
                                       "services on one VIP and protocol share one fragments "
                                       "policy, because fragments carry no ports",
                                       where, to_string(theirs), to_string(mine)));
                break;
            }
        }
    }
}
}  // namespace

void validate_fleet(const FleetConfig& fleet, std::string_view pointer, ErrorList& errors) {
    const std::string servers = pointer_join(pointer, "servers");
    validate_servers(fleet, servers, errors);
    validate_services(fleet, pointer_join(pointer, "services"), servers, errors);
    validate_fragments(fleet, pointer_join(pointer, "services"), errors);
}

}  // namespace shoal::config
