// SPDX-License-Identifier: MIT
#include "table/server_change.h"

#include <fmt/format.h>

#include <algorithm>

namespace shoal::table {

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::vector<Server>::iterator find_server(std::vector<Server>& servers, ServerIndex index,
                                          const ServerChange& change) {
    auto it = std::find_if(servers.begin(), servers.end(),
                           [&](const Server& s) { return s.index == index; });
    if (it == servers.end())
        throw TableError(fmt::format("{}: no server with index {}", describe(change), index));
    return it;
}

}  // namespace

std::string describe(const ServerChange& change) {
    return std::visit(
        Overloaded{
            [](const DrainServer& c) { return fmt::format("drain server {}", c.index); },
            [](const UndrainServer& c) { return fmt::format("undrain server {}", c.index); },
            [](const MarkServerDown& c) { return fmt::format("mark server {} down", c.index); },
            [](const SetServerWeight& c) {
                return fmt::format("set weight of server {} to {}", c.index, c.weight);
            },
            [](const AddServer& c) {
                return fmt::format("add server {} \"{}\" weight {} ({})", c.server.index,
                                   c.server.name, c.server.weight, to_string(c.server.state));
            },
            [](const RemoveServer& c) { return fmt::format("remove server {}", c.index); },
        },
        change);
}

std::vector<Server> apply_change(std::span<const Server> servers, const ServerChange& change) {
    std::vector<Server> out(servers.begin(), servers.end());
    std::visit(
        Overloaded{
            [&](const DrainServer& c) {
                find_server(out, c.index, change)->state = ServerState::draining;
            },
            [&](const UndrainServer& c) {
                find_server(out, c.index, change)->state = ServerState::active;
            },
            [&](const MarkServerDown& c) {
                find_server(out, c.index, change)->state = ServerState::down;
            },
            [&](const SetServerWeight& c) { find_server(out, c.index, change)->weight = c.weight; },
            [&](const AddServer& c) {
                for (const Server& s : out)
                    if (s.index == c.server.index)
                        throw TableError(fmt::format("{}: index {} is already server \"{}\"",
                                                     describe(change), s.index, s.name));
                out.push_back(c.server);
            },
            [&](const RemoveServer& c) { out.erase(find_server(out, c.index, change)); },
        },
        change);
    return out;
}

}  // namespace shoal::table
