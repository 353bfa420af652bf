// SPDX-License-Identifier: MIT
#include "dataplane/member_writer.h"

#include <fmt/format.h>
#include <linux/bpf.h>

#include "dataplane/dataplane_error.h"
#include "dataplane/map_entries.h"

namespace shoal {
namespace {

shoal_member_key member_key(const IpAddress& source) {
    if (source.family == 0) throw DataplaneError::invalid("make member key", "no address");
    shoal_member_key key{};
    source.copy_to(key.addr);
    key.family = source.family;
    return key;
}

KeyText member_text(const shoal_member_key& key) {
    return [key] { return describe(key); };
}

}  // namespace

void MemberWriter::set(const IpAddress& source, std::uint32_t server_index) const {
    const shoal_member_key key = member_key(source);
    if (server_index >= SHOAL_MAX_SERVERS)
        throw DataplaneError::invalid(
            fmt::format("update {} key {}", map_.name(), source.to_string()),
            fmt::format("server index {} >= {}", server_index, SHOAL_MAX_SERVERS));
    const shoal_member value{server_index};
    map_.update(&key, &value, BPF_ANY, member_text(key));
}

bool MemberWriter::remove(const IpAddress& source) const {
    const shoal_member_key key = member_key(source);
    return map_.remove(&key, member_text(key));
}

std::optional<std::uint32_t> MemberWriter::get(const IpAddress& source) const {
    const shoal_member_key key = member_key(source);
    const auto value = map_.get<shoal_member_key, shoal_member>(key, member_text(key));
    if (!value) return std::nullopt;
    return value->server_index;
}

std::map<IpAddress, std::uint32_t> MemberWriter::list() const {
    std::map<IpAddress, std::uint32_t> out;
    for (const auto& [key, value] : map_.entries<shoal_member_key, shoal_member>())
        out.emplace(IpAddress::from_abi(key.addr, key.family), value.server_index);
    return out;
}

void MemberWriter::replace_all(const std::map<IpAddress, std::uint32_t>& members) const {
    for (const auto& [source, index] : members) set(source, index);
    for (const auto& [source, index] : list())
        if (!members.contains(source)) remove(source);
}

}  // namespace shoal
