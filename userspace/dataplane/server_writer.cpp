// SPDX-License-Identifier: MIT
#include "dataplane/server_writer.h"

#include <fmt/format.h>
#include <linux/bpf.h>

#include "dataplane/dataplane_error.h"

namespace shoal {
namespace {

KeyText server_text(std::uint32_t index) {
    return [index] { return fmt::format("server {}", index); };
}

}  // namespace

void ServerWriter::check_index(std::uint32_t index, const char* operation) const {
    if (index >= SHOAL_MAX_SERVERS)
        throw DataplaneError::invalid(
            fmt::format("{} {}", operation, map_.name()),
            fmt::format("server index {} >= {}", index, SHOAL_MAX_SERVERS));
}

void ServerWriter::set(std::uint32_t index, const ServerDips& dips) const {
    check_index(index, "update");
    const shoal_server value = dips.to_abi();
    map_.update(&index, &value, BPF_ANY, server_text(index));
}

void ServerWriter::clear(std::uint32_t index) const {
    check_index(index, "clear");
    const shoal_server unused{};
    map_.update(&index, &unused, BPF_ANY, server_text(index));
}

std::optional<ServerDips> ServerWriter::get(std::uint32_t index) const {
    check_index(index, "lookup");
    shoal_server value{};
    map_.lookup(&index, &value, server_text(index));
    return ServerDips::from_abi(value);
}

void ServerWriter::replace_all(const std::map<std::uint32_t, ServerDips>& servers) const {
    for (const auto& [index, dips] : servers) {
        check_index(index, "update");
        dips.to_abi();  // validate all before writing any
    }
    for (const auto& [index, dips] : servers) set(index, dips);
    const std::vector<bool> present = configured();
    for (std::uint32_t index = 0; index < present.size(); ++index)
        if (present[index] && !servers.contains(index)) clear(index);
}

std::vector<bool> ServerWriter::configured() const {
    std::vector<shoal_server> all(SHOAL_MAX_SERVERS);
    map_.read_array(SHOAL_MAX_SERVERS, all.data(), sizeof(shoal_server));
    std::vector<bool> out(SHOAL_MAX_SERVERS);
    for (std::size_t i = 0; i < all.size(); ++i) out[i] = all[i].flags != 0;
    return out;
}

}  // namespace shoal
