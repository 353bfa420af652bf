// SPDX-License-Identifier: MIT
#include "dataplane/map_set.h"

#include <bpf/libbpf.h>

#include <string>

#include <fmt/format.h>

#include "dataplane/dataplane_error.h"

namespace shoal {
namespace {

template <class Open>
DataplaneMaps open_all(Open open)
{
    DataplaneMaps maps{
        open(SHOAL_MAP_CONFIG),  open(SHOAL_MAP_SERVICES), open(SHOAL_MAP_TABLES),
        open(SHOAL_MAP_SERVERS), open(SHOAL_MAP_MEMBERS),  open(SHOAL_MAP_STATS),
        open(SHOAL_MAP_SERVER_STATS), open(SHOAL_MAP_TX_PORTS), open(SHOAL_MAP_GUE_AUTH),
    };
    return maps;
}

// The map's layout as the object defines it, or a clear refusal naming the pin: a data plane
// pinned by a Shoal with another ABI cannot be adopted or shared, only detached.
void expect_object_layout(const BpfMap& map, const bpf_object* object, const std::string& pin)
{
    const bpf_map* def = ::bpf_object__find_map_by_name(object, map.name().c_str());
    if (!def)
        throw DataplaneError::invalid("check layout", map.name() + " is not in the program");
    try {
        map.expect_layout(::bpf_map__type(def), ::bpf_map__key_size(def),
                          ::bpf_map__value_size(def), ::bpf_map__max_entries(def));
    } catch (const DataplaneError& e) {
        throw DataplaneError::invalid(
            fmt::format("use pinned map {}", map.name()),
            fmt::format("{} was pinned by a data plane with another layout (another version of "
                        "Shoal): {}; detach that data plane (shoalctl detach) or remove its "
                        "pins before starting this one",
                        pin, e.what()));
    }
}

} // namespace

DataplaneMaps DataplaneMaps::from_object(const bpf_object* object)
{
    return open_all([object](const char* name) {
        const bpf_map* map = ::bpf_object__find_map_by_name(object, name);
        if (!map || ::bpf_map__fd(map) < 0)
            throw DataplaneError::invalid("find map", std::string(name) + " is not loaded");
        return BpfMap::duplicate(::bpf_map__fd(map), name);
    });
}

DataplaneMaps DataplaneMaps::from_pins(const PinPaths& pins)
{
    return open_all([&pins](const char* name) { return BpfMap::from_pin(pins.map(name), name); });
}

void DataplaneMaps::check_against(const bpf_object* object) const
{
    for (const BpfMap* map : {&config, &services, &tables, &servers, &members, &stats,
                              &server_stats, &tx_ports, &gue_auth})
        expect_object_layout(*map, object, map->name());
}

void check_pinned_layouts(const PinPaths& pins, const bpf_object* object)
{
    for (std::string_view name : kDataplaneMapNames) {
        const std::string path = pins.map(name);
        if (pins.exists(path))
            expect_object_layout(BpfMap::from_pin(path, std::string(name)), object, path);
    }
}

} // namespace shoal
