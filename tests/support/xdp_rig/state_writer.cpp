// SPDX-License-Identifier: MIT
#include "xdp_rig/state_writer.h"

#include <bpf/bpf.h>
#include <linux/bpf.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace shoal::test {
namespace {

template <class T>
bool same_bytes(const T& a, const T& b) {
    return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <class Map>
bool same_map(const Map& a, const Map& b) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (!same_bytes(ia->first, ib->first) || !same_bytes(ia->second, ib->second)) return false;
    return true;
}

bool same_tables(const model::DataplaneState& a, const model::DataplaneState& b) {
    if (a.tables.size() != b.tables.size()) return false;
    for (auto ia = a.tables.begin(), ib = b.tables.begin(); ia != a.tables.end(); ++ia, ++ib) {
        if (ia->first != ib->first || ia->second.size() != ib->second.size()) return false;
        for (std::size_t i = 0; i < ia->second.size(); ++i)
            if (!same_bytes(ia->second[i], ib->second[i])) return false;
    }
    return true;
}

IpAddress address_of(std::uint8_t family, const std::uint8_t (&addr)[16]) {
    return IpAddress::from_abi(addr, family);
}

// An inner table map like the loader's (bpf/lib/maps.h shoal_table_inner), of any size.
BpfMap make_table_map(std::uint32_t slot, const std::vector<shoal_bucket>& buckets) {
    if (buckets.empty())
        throw std::invalid_argument("table for slot " + std::to_string(slot) + " has no buckets");
    LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_INNER_MAP);
    const std::string name = "rig_slot" + std::to_string(slot);
    const int fd =
        ::bpf_map_create(BPF_MAP_TYPE_ARRAY, name.c_str(), sizeof(std::uint32_t),
                         sizeof(shoal_bucket), static_cast<std::uint32_t>(buckets.size()), &opts);
    if (fd < 0)
        throw std::runtime_error("create table map for slot " + std::to_string(slot) + ": " +
                                 std::strerror(errno));
    BpfMap map(UniqueFd(fd), name);
    map.write_array(static_cast<std::uint32_t>(buckets.size()), buckets.data(),
                    sizeof(shoal_bucket));
    return map;
}

}  // namespace

const model::DataplaneState& StateWriter::applied() const {
    if (!applied_) throw std::logic_error("StateWriter::applied() before apply()");
    return *applied_;
}

void StateWriter::apply(const model::DataplaneState& state) {
    const model::DataplaneState* old = applied_ ? &*applied_ : nullptr;
    if (!old || !same_bytes(old->config, state.config)) {
        write_config(state.config);
        reset_icmp_rate();
    }
    if (!old || old->gue_auth.has_value() != state.gue_auth.has_value() ||
        (state.gue_auth && !same_bytes(*old->gue_auth, *state.gue_auth)))
        write_gue_auth(state.gue_auth);
    if (!old || !same_map(old->servers, state.servers)) write_servers(state);
    if (!old || !same_map(old->members, state.members)) write_members(state);
    if (!old || !same_tables(*old, state)) write_tables(state);
    if (!old || !same_map(old->services, state.services)) write_services(state);
    if (!old || old->tx_ports != state.tx_ports) write_tx_ports(state);
    applied_ = state;
}

void StateWriter::write_config(const shoal_config& config) const {
    const std::uint32_t key = 0;
    dp_.maps().config.update(&key, &config, BPF_ANY, [] { return std::string("0"); });
}

void StateWriter::write_gue_auth(const std::optional<shoal_gue_auth>& gue_auth) const {
    const std::uint32_t key = 0;
    const auto text = [] { return std::string("0"); };
    if (gue_auth)
        dp_.maps().gue_auth.update(&key, &*gue_auth, BPF_ANY, text);
    else
        dp_.maps().gue_auth.remove(&key, text);
}

void StateWriter::reset_icmp_rate() const {
    std::vector<std::uint32_t> ids(64);
    bpf_prog_info info{};
    info.nr_map_ids = static_cast<std::uint32_t>(ids.size());
    info.map_ids = reinterpret_cast<std::uint64_t>(ids.data());
    __u32 len = sizeof(info);
    if (::bpf_obj_get_info_by_fd(dp_.program_fd(), &info, &len) != 0)
        throw std::runtime_error(std::string("program info: ") + std::strerror(errno));
    for (std::uint32_t i = 0; i < info.nr_map_ids && i < ids.size(); ++i) {
        const BpfMap map = BpfMap::from_id(ids[i], SHOAL_MAP_ICMP_RATE);
        if (std::string(map.info().name) != SHOAL_MAP_ICMP_RATE) continue;
        const std::vector<shoal_icmp_rate> full(StatsReader::possible_cpus(), shoal_icmp_rate{});
        const std::uint32_t key = 0;
        map.update(&key, full.data(), BPF_ANY, [] { return std::string("0"); });
        return;
    }
    throw std::runtime_error("shoal_xdp has no map " SHOAL_MAP_ICMP_RATE);
}

void StateWriter::write_servers(const model::DataplaneState& state) const {
    std::map<std::uint32_t, ServerDips> servers;
    for (const auto& [index, server] : state.servers)
        if (const auto dips = ServerDips::from_abi(server)) servers[index] = *dips;
    dp_.servers().replace_all(servers);
}

void StateWriter::write_members(const model::DataplaneState& state) const {
    std::map<IpAddress, std::uint32_t> members;
    for (const auto& [key, member] : state.members)
        members[address_of(key.family, key.addr)] = member.server_index;
    dp_.members().replace_all(members);
}

void StateWriter::write_services(const model::DataplaneState& state) const {
    const BpfMap& map = dp_.maps().services;
    for (const shoal_service_key& key : map.keys<shoal_service_key>())
        if (!state.services.contains(key)) map.remove(&key, [&key] { return describe(key); });
    for (const auto& [key, service] : state.services)
        map.update(&key, &service, BPF_ANY, [&key] { return describe(key); });
}

// The rig's thread is in the lb namespace, where the world's ifindexes are real interfaces.
void StateWriter::write_tx_ports(const model::DataplaneState& state) const {
    dp_.tx_ports().replace_all(state.tx_ports);
}

void StateWriter::write_tables(const model::DataplaneState& state) const {
    const BpfMap& outer = dp_.maps().tables;
    if (!state.tables.empty() && state.tables.rbegin()->first >= SHOAL_TABLE_SLOTS)
        throw std::invalid_argument("table slot " + std::to_string(state.tables.rbegin()->first) +
                                    " is past shoal_tables");
    for (std::uint32_t slot = 0; slot < SHOAL_TABLE_SLOTS; ++slot) {
        const auto text = [slot] { return "slot " + std::to_string(slot); };
        const auto table = state.tables.find(slot);
        if (table == state.tables.end()) {
            outer.remove(&slot, text);
            continue;
        }
        const BpfMap inner = make_table_map(slot, table->second);
        const std::uint32_t inner_fd = static_cast<std::uint32_t>(inner.fd());
        outer.update(&slot, &inner_fd, BPF_ANY, text);
    }
}

}  // namespace shoal::test
